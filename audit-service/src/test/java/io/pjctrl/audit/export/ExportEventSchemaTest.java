package io.pjctrl.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import io.pjctrl.audit.log.AuditLogFilter;
import io.pjctrl.audit.ownevent.OwnEventPublisher;
import io.pjctrl.audit.ownevent.Requester;
import io.pjctrl.contract.event.GoldenEvents;

/** The export's own audit event obeys the event contract (the contract's audit-event.schema.json). */
class ExportEventSchemaTest {

    @Test
    void shouldDescribeAnExportWithAValidEvent() throws IOException {
        AuditLogFilter filter = new AuditLogFilter(List.of("task.delete", "project.delete"), "task", "=cmd|' /C calc'!A0",
                UUID.randomUUID(), UUID.randomUUID(), "delete", List.of("high"), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"));
        ExportRecord export = new ExportRecord(UUID.randomUUID(), ExportFormat.CSV, filter, new Requester(
                UUID.randomUUID().toString(), "auditor", "203.0.113.9", "x".repeat(600), "req-1",
                "4bf92f3577b34da6a3ce929d0e0e4736"));
        JsonNode data = data(export, Instant.parse("2026-11-28T09:00:00.123456Z"));

        assertThat(schema().validate(data)).isEmpty();
        assertThat(data.get("event_type").asText()).isEqualTo("audit.export");
        assertThat(data.get("resource_id").asText()).isEqualTo(export.exportId().toString());
        assertThat(data.at("/changes/filter/new/event_type").size()).isEqualTo(2);
        assertThat(data.at("/changes/format/new").asText()).isEqualTo("csv");
    }

    @Test
    void shouldStayValidForAnAnonymousSubjectAndNoRequestMetadata() throws IOException {
        AuditLogFilter none = new AuditLogFilter(List.of(), null, null, null, null, null, List.of(), null, null);
        ExportRecord export = new ExportRecord(UUID.randomUUID(), ExportFormat.NDJSON, none,
                new Requester(null, "admin", null, null, null, null));
        JsonNode data = data(export, Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(schema().validate(data)).isEmpty();
    }

    private static JsonNode data(ExportRecord export, Instant now) {
        return OwnEventPublisher.data(ExportEvents.of(UUID.randomUUID().toString(), export, now));
    }

    static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(GoldenEvents.schemaText(), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
}
