package io.pjctrl.contract.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.Jcs;

/** Commitments of personal values, their openings and the verifier's fold; vectors computed with Python's hashlib. */
class CommitmentsTest {

    /** The bytes 0x00..0x1f. */
    static final byte[] SALT = new byte[32];
    static {
        for (int i = 0; i < 32; i++) {
            SALT[i] = (byte) i;
        }
    }
    static final UUID USER = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    @Test
    void shouldMatchIndependentlyComputedVectors() {
        // python3: base64(sha256(b"pjctrl-audit/commitment/v1\x00" + bytes(range(32)) + value.encode()))
        assertThat(Commitments.commit(SALT, "\"alice@example.com\"")).isEqualTo("NrpbALpCGhm3/ZiP7h56tFRX+5dvQcvL/D1U5z+uA78=");
        assertThat(Commitments.commit(SALT, "\"198.51.100.23\"")).isEqualTo("anXwpTKwn85hUvR+tseJlfZh3PHzo+IJLySQoNaJQjg=");
    }

    @Test
    void shouldRefuseASaltOfAnotherLength() {
        assertThatThrownBy(() -> Commitments.commit(new byte[16], "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCommitTheSameValueDifferentlyUnderFreshSalts() {
        Opening a = Opening.of("request_metadata.ip", USER, "\"10.0.0.1\"");
        Opening b = Opening.of("request_metadata.ip", USER, "\"10.0.0.1\"");
        assertThat(a.commitment()).isNotEqualTo(b.commitment());
        assertThat(Commitments.commit(a.salt(), a.canonicalValue())).isEqualTo(a.commitment());
    }

    @Test
    void shouldCommitRequestMetadataOfAKnownActorAndAUsersEmailAndName() {
        PersonalValues.Committed committed = PersonalValues.commit("user", USER.toString(), USER,
                CanonicalJson.parse("{\"email\":{\"old\":\"a@x.io\",\"new\":\"b@x.io\"},\"display_name\":{\"new\":\"Bo\"},"
                        + "\"role\":{\"new\":\"member\"}}"),
                CanonicalJson.parse("{\"ip\":\"10.0.0.1\",\"user_agent\":\"curl/8\",\"request_id\":\"r1\",\"trace_id\":null}"));

        assertThat(committed.openings()).extracting(Opening::path).containsExactlyInAnyOrder("request_metadata.ip",
                "request_metadata.user_agent", "changes.email.old", "changes.email.new", "changes.display_name.new");
        assertThat(committed.openings()).allSatisfy(o -> assertThat(o.subject()).isEqualTo(USER));
        String stored = committed.changes().text() + committed.requestMetadata().text();
        assertThat(stored).doesNotContain("a@x.io", "b@x.io", "Bo\"", "10.0.0.1", "curl/8").contains("member", "r1");
        JsonNode metadata = Jcs.parse(committed.requestMetadata().text());
        assertThat(Openings.commitment(metadata.get("ip"))).isEqualTo(opening(committed, "request_metadata.ip").commitment());
    }

    @Test
    void shouldLeaveValuesWithoutASubjectAndNullsInClear() {
        CanonicalJson changes = CanonicalJson.parse("{\"email\":{\"new\":\"nobody@example.com\"}}");
        CanonicalJson metadata = CanonicalJson.parse("{\"ip\":\"198.51.100.23\",\"user_agent\":null,\"request_id\":null,"
                + "\"trace_id\":null}");
        PersonalValues.Committed committed = PersonalValues.commit("user", null, null, changes, metadata);
        assertThat(committed.openings()).isEmpty();
        assertThat(committed.changes()).isEqualTo(changes);
        assertThat(committed.requestMetadata()).isEqualTo(metadata);

        PersonalValues.Committed task = PersonalValues.commit("task", USER.toString(), USER,
                CanonicalJson.parse("{\"email\":{\"new\":\"free text\"}}"), metadata);
        assertThat(task.openings()).extracting(Opening::path).containsExactly("request_metadata.ip");
        assertThat(task.changes().text()).contains("free text");
    }

    @Test
    void shouldFoldOpeningsBackIntoTheStoredCommitments() {
        PersonalValues.Committed committed = PersonalValues.commit("user", USER.toString(), USER,
                CanonicalJson.parse("{\"email\":{\"new\":\"b@x.io\"}}"),
                CanonicalJson.parse("{\"ip\":\"10.0.0.1\",\"user_agent\":\"curl/8\",\"request_id\":null,\"trace_id\":null}"));
        JsonNode exported = Openings.replaceCommitments(Jcs.parse(committed.changes().text()), "changes",
                (path, c) -> {
                    Opening o = opening(committed, path);
                    return Openings.opening(o.canonicalValue(), o.salt());
                });
        assertThat(exported.toString()).contains("b@x.io", "$salt");
        assertThat(CanonicalJson.of(Openings.fold(exported))).isEqualTo(committed.changes());

        // A changed value folds to another commitment: the entry's checksum no longer matches.
        ((com.fasterxml.jackson.databind.node.ObjectNode) exported.get("email").get("new")).put(Commitments.VALUE, "c@x.io");
        assertThat(CanonicalJson.of(Openings.fold(exported))).isNotEqualTo(committed.changes());
    }

    @Test
    void shouldRefuseToFoldAnErasedMarkerOrABadSalt() {
        assertThatThrownBy(() -> Openings.fold(Jcs.parse("{\"ip\":{\"$erased\":true}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Openings.fold(Jcs.parse("{\"ip\":{\"$value\":\"x\",\"$salt\":\"AAAA\"}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindReservedKeysAtAnyDepth() {
        assertThat(Openings.reservedKey(Jcs.parse("{\"a\":{\"new\":[{\"$commit\":\"x\"}]}}"))).isEqualTo("$commit");
        assertThat(Openings.reservedKey(Jcs.parse("{\"a\":{\"new\":{\"x$value\":1}}}"))).isNull();
        for (String key : List.of("$value", "$salt", "$erased")) {
            assertThat(Openings.reservedKey(Jcs.parse("{\"" + key + "\":1}"))).isEqualTo(key);
        }
    }

    @Test
    void shouldRedactEveryDeclaredPersonalValueOfDeliveredEventData() {
        String data = "{\"resource_type\":\"user\",\"changes\":{\"email\":{\"old\":\"a@x.io\",\"new\":\"b@x.io\"},"
                + "\"role\":{\"new\":\"member\"}},\"request_metadata\":{\"ip\":\"10.0.0.1\",\"user_agent\":\"curl/8\","
                + "\"request_id\":\"r1\",\"trace_id\":null}}";
        String redacted = Redaction.redacted(data);
        assertThat(redacted).doesNotContain("a@x.io", "b@x.io", "10.0.0.1", "curl/8").contains("member", "r1");
        assertThat(Jcs.parse(redacted).at("/changes/email").toString()).isEqualTo("{\"old\":null,\"new\":null}");
        assertThat(Redaction.redacted("not json")).isEqualTo("not json");
    }

    private static Opening opening(PersonalValues.Committed committed, String path) {
        return committed.openings().stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
    }
}
