package io.pjctrl.project.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The spans of the test run, kept in memory: a SpanExporter bean replaces the OTLP exporter, so the tests export to
 * no collector (and %test samples every trace, see application.properties).
 */
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
