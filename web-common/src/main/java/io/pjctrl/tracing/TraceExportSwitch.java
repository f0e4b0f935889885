package io.pjctrl.tracing;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns trace export on exactly when an OTLP endpoint is configured. Quarkus exports to http://localhost:4317 when
 * no endpoint is set, which logs an export failure per batch wherever no collector runs (local stack, dev mode,
 * tests). So the sampler ({@code traceidratio}, set at build time) samples nothing unless
 * {@code quarkus.otel.exporter.otlp[.traces].endpoint} names a collector: spans are still created, so trace ids
 * exist and propagate (flag 00), but nothing is recorded or sent. An explicit
 * {@code quarkus.otel.traces.sampler.arg} wins (this source has a low ordinal). A service opts in by listing this
 * class in its META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public final class TraceExportSwitch implements ConfigSourceFactory {

    static final String SAMPLER_ARG = "quarkus.otel.traces.sampler.arg";
    static final String QUARKUS_DEFAULT_ENDPOINT = "http://localhost:4317";
    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    // Below application.properties (250), environment (300) and system properties (400).
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean export = ENDPOINTS.stream().anyMatch(name -> configured(context.getValue(name)));
        return List.of(new PropertiesConfigSource(Map.of(SAMPLER_ARG, export ? "1.0" : "0.0"), "pjctrl-trace-export",
                ORDINAL));
    }

    static boolean configured(ConfigValue value) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return false;
        }
        String endpoint = value.getValue().trim();
        return !endpoint.equals(QUARKUS_DEFAULT_ENDPOINT) && !endpoint.equals(QUARKUS_DEFAULT_ENDPOINT + "/");
    }
}
