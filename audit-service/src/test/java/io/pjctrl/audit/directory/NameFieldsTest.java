package io.pjctrl.audit.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.event.ValidEvent;

/** The name an event teaches (the same rules as V48's backfill) and the one row per resource of a batch. */
class NameFieldsTest {

    static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    @Test
    void shouldTakeEachTypesNameField() {
        assertThat(NameFields.of(event("user", "u", 1, "{\"display_name\":{\"new\":\"Dana\"},\"email\":{\"new\":\"d@x\"}}")))
                .extracting(NameFields.Learned::name, NameFields.Learned::email).containsExactly("Dana", "d@x");
        assertThat(NameFields.of(event("project", "p", 1, "{\"name\":{\"new\":\"Apollo\"}}")).name()).isEqualTo("Apollo");
        assertThat(NameFields.of(event("task", "t", 2, "{\"title\":{\"old\":\"A\",\"new\":\"B\"}}")).name()).isEqualTo("B");
        assertThat(NameFields.of(event("blocker", "b", 1, "{\"description\":{\"new\":\"Legal\"}}")).name())
                .isEqualTo("Legal");
        // A project's email or a task's name is not a name field of theirs.
        assertThat(NameFields.of(event("project", "p", 1, "{\"email\":{\"new\":\"x@x\"},\"title\":{\"new\":\"T\"}}")))
                .isNull();
    }

    @Test
    void shouldTakeTheOldValueOfADeleteAndNothingOfAClearedField() {
        assertThat(NameFields.of(event("task", "t", 4, "{\"title\":{\"old\":\"Gone\"}}")).name()).isEqualTo("Gone");
        assertThat(NameFields.of(event("task", "t", 4, "{\"title\":{\"old\":\"Was\",\"new\":null}}"))).isNull();
        assertThat(NameFields.of(event("task", "t", 4, "{\"title\":{\"new\":42}}"))).isNull();
    }

    @Test
    void shouldLearnNothingFromUnversionedOrUnknownEvents() {
        assertThat(NameFields.of(event("user", "u", 0, "{\"email\":{\"new\":\"typed@x\"}}"))).isNull();
        assertThat(NameFields.of(event("user", null, 1, "{\"email\":{\"new\":\"typed@x\"}}"))).isNull();
        assertThat(NameFields.of(event("attachment", "a", 1, "{\"name\":{\"new\":\"x.pdf\"}}"))).isNull();
        assertThat(NameFields.of(event("task", "t", 2, "{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"))).isNull();
    }

    @Test
    void shouldCutALongDescriptionAtACodePoint() {
        String description = "é".repeat(499) + "😀" + "tail";
        String name = NameFields.of(event("blocker", "b", 1, "{\"description\":{\"new\":\"" + description + "\"}}")).name();
        assertThat(name.codePointCount(0, name.length())).isEqualTo(500);
        assertThat(name).endsWith("😀");
    }

    @Test
    void shouldFoldABatchIntoOneRowPerResourceWithEachFieldsLatestValue() {
        List<DirectoryRepository.Learning> rows = DirectoryRepository.latestPerResource(List.of(
                event("user", "u", 1, "{\"display_name\":{\"new\":\"Dana\"},\"email\":{\"new\":\"old@x\"}}"),
                event("user", "u", 3, "{\"email\":{\"old\":\"mid@x\",\"new\":\"new@x\"}}"),
                event("user", "u", 2,
                        "{\"display_name\":{\"old\":\"Dana\",\"new\":\"Dana R\"},\"email\":{\"old\":\"old@x\",\"new\":\"mid@x\"}}"),
                event("task", "t", 1, "{\"title\":{\"new\":\"T\"}}"),
                event("task", "t", 2, "{\"status\":{\"new\":\"done\"}}")));
        assertThat(rows).hasSize(2);
        DirectoryRepository.Learning task = rows.stream().filter(r -> r.resourceId.equals("t")).findFirst().orElseThrow();
        DirectoryRepository.Learning user = rows.stream().filter(r -> r.resourceId.equals("u")).findFirst().orElseThrow();
        assertThat(task.name.name()).isEqualTo("T");
        assertThat(user.name.name()).isEqualTo("Dana R");
        assertThat(user.name.version()).isEqualTo(2);
        assertThat(user.email.email()).isEqualTo("new@x");
        assertThat(user.email.version()).isEqualTo(3);
    }

    private static ValidEvent event(String type, String id, long version, String changes) {
        return new ValidEvent(UUID.randomUUID(), type + ".update", "/pjctrl/project-service", type, id, null, null, null,
                "update", CanonicalJson.parse(changes), CanonicalJson.parse("{}"), null, version,
                T0.plusSeconds(version), 0, version);
    }
}
