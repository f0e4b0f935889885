package io.pjctrl.contract.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

class JcsTest {

    private static final JsonNode VECTORS = Vectors.load("jcs-vectors.json");

    static Stream<Arguments> numbers() {
        return cases("numbers");
    }

    static Stream<Arguments> documents() {
        return cases("documents");
    }

    static Stream<Arguments> refused() {
        return cases("refused");
    }

    @ParameterizedTest
    @MethodSource("numbers")
    void shouldSerializeNumbersLikeEcmaScript(JsonNode vector) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(vector.get("ieee754").asText(), 16));

        assertThat(Jcs.serializeNumber(value)).isEqualTo(vector.get("canonical").asText());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void shouldCanonicalizeDocuments(JsonNode vector) {
        assertThat(Jcs.canonicalize(vector.get("input").asText())).isEqualTo(vector.get("canonical").asText());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void shouldBeIdempotent(JsonNode vector) {
        String canonical = vector.get("canonical").asText();

        assertThat(Jcs.canonicalize(canonical)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @MethodSource("refused")
    void shouldRefuseWhatCannotBeCanonicalOrStored(JsonNode vector) {
        assertThatThrownBy(() -> Jcs.canonicalize(vector.get("input").asText()))
                .isInstanceOf(NotCanonicalizableException.class);
    }

    @Test
    void shouldEscapeTheSameWhetherAPlainRunPrecedesOrNot() {
        // writeString copies the leading plain run in one piece: what follows it must come out exactly as it would
        // from the start, and the refusals must still happen.
        for (String tail : List.of("\"q\"", "back\\slash", "\b\f\n\r\t", "\u0001\u001f", "é😀ü", "\u2028\u2029", "")) {
            StringBuilder alone = new StringBuilder();
            StringBuilder prefixed = new StringBuilder();
            Jcs.writeString(tail, alone);
            Jcs.writeString("plain text " + tail, prefixed);

            assertThat(prefixed.toString()).isEqualTo("\"plain text " + alone.substring(1));
        }
        assertThat(escaped("a\"b\u0001")).isEqualTo("\"a\\\"b\\u0001\"");
        for (String refused : List.of("abc\u0000", "abc\ud800", "abc\udc00x", "\ud800")) {
            assertThatThrownBy(() -> escaped(refused)).isInstanceOf(NotCanonicalizableException.class);
        }
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        Jcs.writeString(value, out);
        return out.toString();
    }

    private static Stream<Arguments> cases(String group) {
        Stream.Builder<Arguments> all = Stream.builder();
        VECTORS.get(group).forEach(v -> all.add(Arguments.of(Named.of(v.get("desc").asText(), v))));
        return all.build();
    }

    @Test
    void shouldCanonicalizeANumberThatUnderflowsAsItsDoubleValue() {
        // Underflow is not "outside the double range": 1e-400 is the double 0, 5e-324 the smallest subnormal.
        assertThat(Jcs.canonicalize("{\"a\":1e-400,\"b\":-1e-400,\"c\":5e-324}")).isEqualTo("{\"a\":0,\"b\":0,\"c\":5e-324}");
        assertThatThrownBy(() -> Jcs.canonicalize("{\"a\":1e400}")).isInstanceOf(NotCanonicalizableException.class);
    }
}
