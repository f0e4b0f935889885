package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The ingest continues the trace each record's traceparent names (a CONSUMER span per record, child of that
 * context) and links every record's context from the span of the batch that stored it; a record without a
 * traceparent is stored all the same.
 */
@QuarkusTest
@TestProfile(IngestTracingTest.Traced.class)
class IngestTracingTest {

    public static class Traced implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.traces.sampler.arg", "1.0", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase database;
    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldContinueEachRecordsTraceAndLinkItFromItsBatchSpan() {
        String traceA = hex(16);
        String spanA = hex(8);
        String traceB = hex(16);
        String spanB = hex(8);
        TestEvent a = TestEvent.of("task.update").partition(0).header("traceparent", traceparent(traceA, spanA));
        TestEvent b = TestEvent.of("task.update").partition(0).header("traceparent", traceparent(traceB, spanB))
                .header("tracestate", "vendor=b");
        TestEvent untraced = TestEvent.of("task.update").partition(0);

        new TestEvents(kafka, topics, database).publishAndAwait(a, b, untraced);

        assertContinued(traceA, spanA);
        assertContinued(traceB, spanB);
        assertThat(ingestSpans())
                .as("the batches' spans count every record, also the one without a traceparent")
                .extracting(span -> span.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("messaging.batch.message_count"))
                        .mapToLong(e -> (Long) e.getValue())
                        .sum())
                .isNotEmpty();
    }

    private void assertContinued(String traceId, String callerSpanId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<SpanData> processed = spans.getFinishedSpanItems()
                    .stream()
                    .filter(span -> span.getName().equals(IngestTracing.RECORD_SPAN))
                    .filter(span -> span.getTraceId().equals(traceId))
                    .toList();
            assertThat(processed).hasSize(1);
            assertThat(processed.get(0).getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(processed.get(0).getParentSpanId()).isEqualTo(callerSpanId);
            assertThat(processed.get(0).getParentSpanContext().isRemote()).isTrue();
            assertThat(ingestSpans())
                    .filteredOn(batch -> batch.getLinks()
                            .stream()
                            .anyMatch(link -> link.getSpanContext().getTraceId().equals(traceId)
                                    && link.getSpanContext().getSpanId().equals(callerSpanId)))
                    .singleElement()
                    .satisfies(batch -> {
                        assertThat(batch.getTraceId()).as("a batch is a trace of its own").isNotEqualTo(traceId);
                        assertThat(batch.getKind()).isEqualTo(SpanKind.CONSUMER);
                    });
        });
    }

    private List<SpanData> ingestSpans() {
        return spans.getFinishedSpanItems()
                .stream()
                .filter(span -> span.getName().equals(IngestTracing.BATCH_SPAN))
                .toList();
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
