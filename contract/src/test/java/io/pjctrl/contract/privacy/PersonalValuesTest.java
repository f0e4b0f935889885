package io.pjctrl.contract.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pjctrl.contract.chain.CanonicalJson;

/** The text walk of {@link PersonalValues} gives exactly what the Jackson tree walk gives, on awkward JSON too. */
class PersonalValuesTest {

    static final UUID USER = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ip\":\"10.0.0.1\",\"request_id\":\"r1\",\"trace_id\":null,\"user_agent\":\"curl/8\"}",
            "{\"ip\":null,\"user_agent\":\"Mozilla/5.0 (X11; \\\"quoted\\\" \\\\ back) déjà 東京 \\u001f\"}",
            "{}",
            "{\"a\":{\"ip\":\"nested, not committed\"},\"b\":[1,{\"user_agent\":\"x\"}],\"user_agent\":[\"a\",{\"b\":null}]}",
            "{\"\\\"ip\":\"escaped name\",\"ip\":{\"v\":[1,2.5,-3e-7,true,false,null]},\"ipx\":1,\"user_agen\":2}",
            "{\"i\":\"}{][,:\\\"\",\"ip\":1e+21,\"user_agent\":-0.5}",
            "{\"request_id\":\"\\\\\",\"trace_id\":\"\\\\\\\"\",\"user_agent\":{}}"
    })
    void shouldCommitRequestMetadataInTextAsThroughATree(String metadata) {
        assertSameAsTree("task", USER.toString(), USER, "{}", metadata);
        assertSameAsTree("task", null, null, "{}", metadata);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"display_name\":{\"new\":\"Bo\",\"old\":null},\"email\":{\"new\":\"b@x.io\",\"old\":\"a@x.io\"},\"role\":{\"new\":\"member\"}}",
            "{\"display_name\":\"not an object\",\"email\":{\"new\":{\"old\":\"inner\"}}}",
            "{\"email\":{\"a\":{\"new\":1},\"new\":[{\"old\":2}],\"z\":\"\\\"old\\\"\"}}",
            "{\"display_name\":{},\"email\":{\"old\":\"\\u0007 \\\\\\\"x\"}}",
            "{\"name\":{\"new\":\"email\"}}",
            "{}"
    })
    void shouldCommitAUsersFieldsInTextAsThroughATree(String changes) {
        String metadata = "{\"ip\":\"10.0.0.1\",\"user_agent\":\"curl/8\"}";
        assertSameAsTree("user", USER.toString(), USER, changes, metadata);
        assertSameAsTree("user", USER.toString(), null, changes, metadata);
        assertSameAsTree("task", USER.toString(), USER, changes, metadata);
    }

    private static void assertSameAsTree(String resourceType, String resourceId, UUID actor, String changesText,
            String metadataText) {
        CanonicalJson changes = CanonicalJson.parse(changesText);
        CanonicalJson metadata = CanonicalJson.parse(metadataText);
        PersonalValues.Committed text = PersonalValues.commit(resourceType, resourceId, actor, changes, metadata,
                countingSalts());

        Supplier<byte[]> salts = countingSalts();
        List<Opening> openings = new ArrayList<>();
        CanonicalJson treeMetadata = actor == null
                ? metadata
                : PersonalValues.inTree(metadata, "request_metadata", false, PersonalFields.REQUEST_METADATA, actor,
                        openings, salts);
        CanonicalJson treeChanges = !"user".equals(resourceType)
                ? changes
                : PersonalValues.inTree(changes, "changes", true, PersonalFields.changes(resourceType), USER, openings,
                        salts);

        assertThat(text.requestMetadata().text()).isEqualTo(treeMetadata.text());
        assertThat(text.changes().text()).isEqualTo(treeChanges.text());
        assertThat(text.openings()).usingRecursiveFieldByFieldElementComparator().isEqualTo(openings);
    }

    /** Salts 0, 1, 2, ... (each 32 bytes of that value): the same sequence for both walks. */
    private static Supplier<byte[]> countingSalts() {
        int[] next = {0};
        return () -> {
            byte[] salt = new byte[Commitments.SALT_BYTES];
            Arrays.fill(salt, (byte) next[0]++);
            return salt;
        };
    }
}
