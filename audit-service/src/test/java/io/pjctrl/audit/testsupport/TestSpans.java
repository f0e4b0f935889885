package io.pjctrl.audit.testsupport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Spans of the test run kept in memory: a SpanExporter bean replaces the OTLP exporter, so no test exports to a
 * collector. Tests sample nothing (no endpoint configured) unless their profile sets quarkus.otel.traces.sampler.arg.
 */
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
