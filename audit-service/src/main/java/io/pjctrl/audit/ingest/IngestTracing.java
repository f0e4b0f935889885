package io.pjctrl.audit.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The ingest's spans. A batch mixes the changes of many requests, so its span ("audit ingest") is the child of none
 * of them: it carries a span link to each record's {@code traceparent}. Each record that has one also gets a short
 * CONSUMER span ("audit-events process") as the child of that context, so the request's own trace continues into
 * the ingest and shows how long the change took to become stored. Records without a trace context get no span of
 * their own; the batch span still counts them.
 */
@ApplicationScoped
public class IngestTracing {

    static final String BATCH_SPAN = "audit ingest";
    static final String RECORD_SPAN = "audit-events process";

    private static final TextMapGetter<ConsumerRecord<String, byte[]>> HEADERS = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(ConsumerRecord<String, byte[]> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<String, byte[]> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    public IngestTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the batch span and the per-record spans; end them with {@link BatchTrace#end}. */
    public BatchTrace start(Iterable<ConsumerRecord<String, byte[]>> records) {
        var batch = tracer.spanBuilder(BATCH_SPAN)
                .setSpanKind(SpanKind.CONSUMER)
                .setNoParent()
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process");
        List<Span> recordSpans = new ArrayList<>();
        long count = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            count++;
            Context origin = W3CTraceContextPropagator.getInstance().extract(Context.root(), record, HEADERS);
            SpanContext originSpan = Span.fromContext(origin).getSpanContext();
            if (originSpan.isValid()) {
                batch.addLink(originSpan);
                recordSpans.add(tracer.spanBuilder(RECORD_SPAN)
                        .setSpanKind(SpanKind.CONSUMER)
                        .setParent(origin)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.destination.name", record.topic())
                        .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                        .setAttribute("messaging.kafka.offset", record.offset())
                        .startSpan());
            }
        }
        batch.setAttribute("messaging.batch.message_count", count);
        return new BatchTrace(batch.startSpan(), recordSpans);
    }

    /** The spans of one batch. */
    public record BatchTrace(Span batch, List<Span> records) {

        /** Ends every span; a failure (null when the batch was stored) marks them all as failed. */
        public void end(Throwable failure) {
            for (Span span : records) {
                end(span, failure);
            }
            end(batch, failure);
        }

        private static void end(Span span, Throwable failure) {
            if (failure != null) {
                span.recordException(failure).setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
