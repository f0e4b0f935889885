package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.contract.tlog.Rfc6962;

/** The golden vectors of docs/integrity.md, made by an independent Python implementation (generate_vectors.py). */
class ChecksumVectorsTest {

    static Stream<Arguments> vectors() {
        Stream.Builder<Arguments> all = Stream.builder();
        Vectors.load("checksum-vectors.json").forEach(v -> all.add(Arguments.of(Named.of(v.get("desc").asText(), v))));
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldProduceTheCanonicalForm(JsonNode vector) {
        AuditEntry entry = AuditEntryJson.fromJson(vector.get("entry"));

        assertThat(entry.canonical()).isEqualTo(vector.get("canonical").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldProduceTheChecksum(JsonNode vector) {
        AuditEntry entry = AuditEntryJson.fromJson(vector.get("entry"));

        assertThat(Checksums.compute(vector.get("prev_checksum").asText(), entry)).isEqualTo(vector.get("checksum").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldHashTheCanonicalBytesAfterTheHexPrefix(JsonNode vector) {
        byte[] canonical = vector.get("canonical").asText().getBytes(StandardCharsets.UTF_8);

        assertThat(Checksums.compute(vector.get("prev_checksum").asText(), canonical))
                .isEqualTo(vector.get("checksum").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldWriteFieldsInGenericJcsOrder(JsonNode vector) {
        String canonical = AuditEntryJson.fromJson(vector.get("entry")).canonical();

        assertThat(Jcs.canonicalize(canonical)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldProduceTheMerkleLeafDataAndLeafHash(JsonNode vector) {
        AuditEntry entry = AuditEntryJson.fromJson(vector.get("entry"));

        assertThat(HexFormat.of().formatHex(entry.leafData())).isEqualTo(vector.get("leaf_data").asText());
        assertThat(HexFormat.of().formatHex(Rfc6962.hashLeaf(entry.leafData()))).isEqualTo(vector.get("leaf_hash").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldBeOfFormatTwoExactlyWhenTheEntryNamesItsKafkaRecord(JsonNode vector) {
        AuditEntry entry = AuditEntryJson.fromJson(vector.get("entry"));
        boolean sourced = vector.get("entry").has("source_partition");

        assertThat(entry.entryFormat()).isEqualTo(sourced ? 2 : 1);
        assertThat(entry.canonical().contains("\"source_offset\":")).isEqualTo(sourced);
    }
}
