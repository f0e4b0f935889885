package io.pjctrl.contract.note;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.contract.chain.Vectors;

/** Golden checkpoint notes signed by openssl (generate_vectors.py); Ed25519 is deterministic, so they must match. */
class CheckpointVectorsTest {

    static Stream<Arguments> vectors() {
        Stream.Builder<Arguments> all = Stream.builder();
        Vectors.load("checkpoint-vectors.json").forEach(v -> all.add(Arguments.of(Named.of(v.get("desc").asText(), v))));
        return all.build();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldProduceTheSignedNoteByteForByte(JsonNode vector) {
        NoteSigner signer = NoteSigner.fromPem(vector.get("key_name").asText(),
                Vectors.resource(vector.get("private_key_resource").asText()));

        String note = signer.sign(checkpoint(vector));

        assertThat(checkpoint(vector).body()).isEqualTo(vector.get("body").asText());
        assertThat(note).isEqualTo(vector.get("note").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldDeriveKeyIdAndVerifierKey(JsonNode vector) {
        NoteSigner signer = NoteSigner.fromPem(vector.get("key_name").asText(),
                Vectors.resource(vector.get("private_key_resource").asText()));

        assertThat(signer.keyId()).isEqualTo(vector.get("key_id").asText());
        assertThat(signer.verifierKey().encoded()).isEqualTo(vector.get("verifier_key").asText());
        assertThat(VerifierKey.parse(vector.get("verifier_key").asText())).isEqualTo(signer.verifierKey());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void shouldVerifyTheNoteWithTheVerifierKey(JsonNode vector) {
        VerifierKey key = VerifierKey.parse(vector.get("verifier_key").asText());

        NoteVerification result = SignedNotes.verify(vector.get("note").asText(), List.of(key));

        assertThat(result).isEqualTo(new NoteVerification.Verified(checkpoint(vector), vector.get("key_id").asText()));
    }

    private static Checkpoint checkpoint(JsonNode vector) {
        return new Checkpoint(vector.get("origin").asText(), vector.get("size").asLong(),
                vector.get("head_checksum").asText(), Instant.parse(vector.get("time").asText()));
    }
}
