package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class CheckpointTest {

    private static final JsonNode VECTORS = Vectors.load("notes.json").get("checkpoints");

    @Test
    void shouldParseAndFormatThePublishedCheckpoints() {
        for (JsonNode vector : VECTORS.get("valid")) {
            String text = vector.get("text").asText();
            Checkpoint checkpoint = Checkpoint.parse(text);
            List<String> extensions = new ArrayList<>();
            vector.get("extensions").forEach(line -> extensions.add(line.asText()));

            assertThat(checkpoint.origin()).as(vector.get("desc").asText()).isEqualTo(vector.get("origin").asText());
            assertThat(checkpoint.size()).isEqualTo(vector.get("size").asLong());
            assertThat(checkpoint.rootHash()).isEqualTo(Vectors.base64(vector.get("root")));
            assertThat(checkpoint.extensions()).isEqualTo(extensions);
            assertThat(checkpoint.format()).isEqualTo(text);
        }
    }

    @Test
    void shouldRefuseEveryInvalidCheckpoint() {
        for (JsonNode vector : VECTORS.get("invalid")) {
            assertThatThrownBy(() -> Checkpoint.parse(vector.get("text").asText())).as(vector.get("desc").asText())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldKeepTheTimeExtensionLine() {
        Checkpoint checkpoint = new Checkpoint("audit.pjctrl.example/chain/c1", 3, Rfc6962.emptyRoot(),
                List.of("time 1764547200"));
        assertThat(checkpoint.format()).isEqualTo("audit.pjctrl.example/chain/c1\n3\n"
                + "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\ntime 1764547200\n");
        assertThat(Checkpoint.parse(checkpoint.format())).isEqualTo(checkpoint);
    }

    @Test
    void shouldReadTheTimeExtensionAndIgnoreOneThatIsMalformed() {
        Checkpoint checkpoint = Checkpoint.at("o", 1, Rfc6962.emptyRoot(), java.time.Instant.ofEpochSecond(1764547200));

        assertThat(checkpoint.extensions()).containsExactly("time 1764547200");
        assertThat(Checkpoint.parse(checkpoint.format()).time()).contains(java.time.Instant.ofEpochSecond(1764547200));
        assertThat(new Checkpoint("o", 1, Rfc6962.emptyRoot(), List.of("time 01")).time()).isEmpty();
        assertThat(new Checkpoint("o", 1, Rfc6962.emptyRoot(), List.of("timely")).time()).isEmpty();
        assertThat(new Checkpoint("o", 1, Rfc6962.emptyRoot()).time()).isEmpty();
    }

    @Test
    void shouldRefuseToBuildACheckpointThatCouldNotBeParsed() {
        assertThatThrownBy(() -> new Checkpoint("", 1, Rfc6962.emptyRoot())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, Rfc6962.emptyRoot()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, Rfc6962.emptyRoot(), List.of("a\nb")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, Rfc6962.emptyRoot(), List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
