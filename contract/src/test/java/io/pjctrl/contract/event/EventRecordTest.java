package io.pjctrl.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventRecordTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final EventRecord record = EventRecord.binary(UUID.fromString("0190f1a2-0000-7000-8000-000000000001"),
            "/pjctrl/project-service", "task.update", "task", "t-1", Instant.parse("2026-12-01T10:00:00Z"),
            "{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldAppendTraceparentAndTracestateAfterTheCloudEventsHeaders() {
        EventRecord traced = record.withTraceContext(TRACEPARENT, "vendor=x");

        assertThat(traced.headers()).containsAllEntriesOf(record.headers());
        assertThat(traced.headers().keySet()).endsWith(CloudEvents.TRACEPARENT_HEADER, CloudEvents.TRACESTATE_HEADER);
        assertThat(traced.header("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(traced.header("tracestate")).isEqualTo("vendor=x");
        assertThat(traced.key()).isEqualTo(record.key());
        assertThat(traced.value()).isEqualTo(record.value());
    }

    @Test
    void shouldSendNoTracestateWithoutOne() {
        assertThat(record.withTraceContext(TRACEPARENT, null).headers())
                .containsEntry("traceparent", TRACEPARENT)
                .doesNotContainKey("tracestate");
    }

    @Test
    void shouldLeaveARecordWithoutTraceContextAsBinaryWroteIt() {
        assertThat(record.withTraceContext(null, "vendor=x").headers()).isEqualTo(record.headers());
        assertThat(record.withTraceContext(" ", null).headers()).isEqualTo(record.headers());
    }
}
