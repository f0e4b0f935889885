package io.pjctrl.contract.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.event.AlertEvent;

/** Every event type of the contract becomes an OCSF record that its class's vendored definition accepts. */
class OcsfRecordsTest {

    private static final OcsfSchema SCHEMA = OcsfSchema.vendored();
    private static final OcsfRecords RECORDS = new OcsfRecords(OcsfProduct.pjctrl("0.1.0-test"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<String> eventTypes() {
        return OcsfEntries.allEventTypes().stream();
    }

    @Test
    void shouldFollowTheVendoredSchemaVersion() {
        assertThat(SCHEMA.version()).isEqualTo(OcsfRecords.SCHEMA_VERSION);
    }

    @Test
    void shouldMapEveryEventTypeOfTheContractExplicitly() {
        assertThat(OcsfEntries.contractEventTypes()).isNotEmpty().allSatisfy(
                type -> assertThat(OcsfActivity.isMapped(type)).as(type + " is in the mapping table").isTrue());
        assertThat(OcsfEntries.allEventTypes()).allSatisfy(type -> assertThat(OcsfActivity.of(type, "update").ocsfClass())
                .as(type).isNotEqualTo(OcsfClass.BASE_EVENT));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void shouldCarryEveryRequiredAttributeOfItsClass(String eventType) {
        ChainedEntry entry = OcsfEntries.of(eventType);
        ObjectNode record = RECORDS.entry(entry);

        assertThat(SCHEMA.violations(record)).as(record.toPrettyString()).isEmpty();
        List<String> required = SCHEMA.requiredAttributes(record.get("class_uid").intValue());
        assertThat(required).contains("class_uid", "category_uid", "activity_id", "type_uid", "severity_id", "time",
                "metadata");
        assertThat(required).allSatisfy(name -> assertThat(record.hasNonNull(name)).as(name).isTrue());
        assertThat(record.get("type_uid").longValue())
                .isEqualTo(record.get("class_uid").longValue() * 100 + record.get("activity_id").longValue());
        assertThat(record.get("time").longValue()).isEqualTo(OcsfEntries.OCCURRED.toEpochMilli());
        assertThat(record.at("/metadata/version").asText()).isEqualTo("1.8.0");
        assertThat(record.at("/metadata/product/name").asText()).isEqualTo("pjctrl-audit");
        assertThat(record.at("/metadata/product/vendor_name").asText()).isEqualTo("pjctrl");
        assertThat(record.at("/metadata/product/version").asText()).isEqualTo("0.1.0-test");
        assertThat(record.at("/actor/user/uid").asText()).isEqualTo(OcsfEntries.ACTOR.toString());
        assertThat(record.at("/src_endpoint/ip").asText()).isEqualTo("10.0.0.7");
        assertThat(record.at("/http_request/user_agent").asText()).isEqualTo("curl/8.5");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void shouldPointBackToTheStoredEntryAndItsChainPosition(String eventType) {
        ChainedEntry entry = OcsfEntries.of(eventType);
        ObjectNode record = RECORDS.entry(entry);

        assertThat(record.at("/metadata/uid").asText()).isEqualTo(entry.entry().id().toString());
        assertThat(record.at("/metadata/correlation_uid").asText()).isEqualTo(entry.entry().eventId().toString());
        assertThat(record.at("/metadata/log_name").asText()).isEqualTo("events-2");
        assertThat(record.at("/metadata/sequence").longValue()).isEqualTo(1842);
        JsonNode stored = record.at("/unmapped/pjctrl");
        assertThat(stored.get("id").asText()).isEqualTo(entry.entry().id().toString());
        assertThat(stored.get("chain_id").asText()).isEqualTo("events-2");
        assertThat(stored.get("seq").longValue()).isEqualTo(1842);
        assertThat(stored.get("checksum").asText()).isEqualTo(entry.checksum());
        assertThat(stored.get("prev_checksum").asText()).isEqualTo(entry.prevChecksum());
        assertThat(stored.get("event_type").asText()).isEqualTo(eventType);
    }

    @Test
    void shouldMapLoginsLogoutsAndFailuresToAuthentication() {
        ObjectNode login = RECORDS.entry(OcsfEntries.of("user.login"));
        ObjectNode logout = RECORDS.entry(OcsfEntries.of("user.logout"));
        ObjectNode failed = RECORDS.entry(OcsfEntries.of("user.login_failed"));

        assertThat(List.of(login, logout, failed)).allSatisfy(r -> assertThat(r.get("class_uid").intValue()).isEqualTo(3002));
        assertThat(login.get("type_uid").longValue()).isEqualTo(300201);
        assertThat(login.get("status_id").intValue()).isEqualTo(1);
        assertThat(logout.get("type_uid").longValue()).isEqualTo(300202);
        assertThat(failed.get("type_uid").longValue()).isEqualTo(300201);
        assertThat(failed.get("status_id").intValue()).isEqualTo(2);
        assertThat(failed.get("status_detail").asText()).isEqualTo("wrong_password");
        assertThat(failed.at("/user/uid").asText()).isEqualTo(OcsfEntries.of("user.login_failed").entry().resourceId());
    }

    @Test
    void shouldNameTheTriedAddressWhenAFailedLoginHasNoUser() {
        ObjectNode record = RECORDS.entry(OcsfEntries.failedLoginOfUnknownEmail());

        assertThat(SCHEMA.violations(record)).as(record.toPrettyString()).isEmpty();
        assertThat(record.has("actor")).isFalse();
        assertThat(record.at("/user/name").asText()).isEqualTo("nobody@example.com");
        assertThat(record.get("status_detail").asText()).isEqualTo("unknown_email");
        assertThat(record.has("http_request")).isFalse();
    }

    @Test
    void shouldMapUsersToAccountChangeAndResourcesToEntityManagement() {
        assertThat(RECORDS.entry(OcsfEntries.of("user.create")).get("type_uid").longValue()).isEqualTo(300101);
        ObjectNode promoted = RECORDS.entry(OcsfEntries.of("user.permission_change"));
        assertThat(promoted.get("type_uid").longValue()).isEqualTo(300199);
        assertThat(promoted.get("activity_name").asText()).isEqualTo("Role Change");
        assertThat(RECORDS.entry(OcsfEntries.of("task.delete")).get("type_uid").longValue()).isEqualTo(300404);
        ObjectNode blocker = RECORDS.entry(OcsfEntries.of("task.blocker"));
        assertThat(blocker.get("type_uid").longValue()).isEqualTo(300401);
        assertThat(blocker.at("/entity/type").asText()).isEqualTo("blocker");
        ObjectNode resolved = RECORDS.entry(OcsfEntries.entry("task.blocker", "blocker", UUID.randomUUID().toString(),
                "update", "{\"resolved\":{\"new\":true,\"old\":false}}"));
        assertThat(resolved.get("type_uid").longValue()).isEqualTo(300403);
        assertThat(RECORDS.entry(OcsfEntries.of("project.restore")).get("activity_name").asText()).isEqualTo("Restore");
        assertThat(RECORDS.entry(OcsfEntries.of("attachment.download")).get("activity_id").intValue()).isEqualTo(2);
    }

    @Test
    void shouldMapAnUndocumentedEventTypeToABaseEventNamedByItsType() {
        ChainedEntry entry = OcsfEntries.entry("widget.frobnicate", "widget", "w-1", "update", "{}");
        ObjectNode record = RECORDS.entry(entry);

        assertThat(SCHEMA.violations(record)).as(record.toPrettyString()).isEmpty();
        assertThat(record.get("class_uid").intValue()).isZero();
        assertThat(record.get("type_uid").longValue()).isEqualTo(99);
        assertThat(record.get("activity_name").asText()).isEqualTo("widget.frobnicate");
        assertThat(record.at("/unmapped/pjctrl/user_id").asText()).isEqualTo(OcsfEntries.ACTOR.toString());
    }

    @Test
    void shouldMapAnAlertToADetectionFinding() {
        AlertEvent alert = new AlertEvent(UUID.randomUUID(), UUID.randomUUID(), "event_type", "critical",
                "project.delete by 0b7a3c2e", Instant.parse("2026-11-28T09:00:01.5Z"));
        ObjectNode record = RECORDS.alert(alert);

        assertThat(SCHEMA.violations(record)).as(record.toPrettyString()).isEmpty();
        assertThat(SCHEMA.requiredAttributes(2004)).contains("finding_info")
                .allSatisfy(name -> assertThat(record.hasNonNull(name)).as(name).isTrue());
        assertThat(record.get("type_uid").longValue()).isEqualTo(200401);
        assertThat(record.get("severity_id").intValue()).isEqualTo(5);
        assertThat(record.get("time").longValue()).isEqualTo(alert.createdAt().toEpochMilli());
        assertThat(record.at("/finding_info/uid").asText()).isEqualTo(alert.id().toString());
        assertThat(record.at("/unmapped/pjctrl/audit_log_id").asText()).isEqualTo(alert.auditLogId().toString());
    }

    @Test
    void shouldWriteOneParsableLinePerRecord() throws Exception {
        ObjectNode record = RECORDS.entry(OcsfEntries.of("task.update"));
        String line = OcsfRecords.line(record);

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(MAPPER.readTree(line).toString()).isEqualTo(record.toString());
    }

    @Test
    void shouldReportWhatARecordLacksOrGetsWrong() {
        ObjectNode record = RECORDS.entry(OcsfEntries.of("user.login"));
        record.remove("user");
        record.put("type_uid", 300299);
        record.put("severity_id", 42);
        ((ObjectNode) record.get("metadata")).remove("product");
        record.put("login_banner", "hello");

        assertThat(SCHEMA.violations(record)).contains("user is required", "metadata.product is required",
                "login_banner is not an attribute here",
                "type_uid 300299 is not class_uid * 100 + activity_id = 300201")
                .anySatisfy(v -> assertThat(v).startsWith("severity_id 42 is not in its enum"));
    }
}
