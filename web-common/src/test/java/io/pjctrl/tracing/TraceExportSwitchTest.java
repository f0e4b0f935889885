package io.pjctrl.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

class TraceExportSwitchTest {

    @Test
    void shouldSampleNothingWithoutAnEndpoint() {
        assertThat(samplerArg(Map.of())).isEqualTo("0.0");
    }

    @Test
    void shouldSampleNothingWhenOnlyQuarkussDefaultEndpointIsThere() {
        assertThat(samplerArg(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/")))
                .isEqualTo("0.0");
        assertThat(samplerArg(Map.of("quarkus.otel.exporter.otlp.endpoint", " "))).isEqualTo("0.0");
    }

    @Test
    void shouldSampleEveryTraceOnceATracesEndpointIsConfigured() {
        assertThat(samplerArg(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318")))
                .isEqualTo("1.0");
    }

    @Test
    void shouldSampleEveryTraceOnceTheGeneralEndpointIsConfigured() {
        assertThat(samplerArg(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4318")))
                .isEqualTo("1.0");
    }

    @Test
    void shouldRankBelowApplicationPropertiesAndTheEnvironment() {
        ConfigSource source = new TraceExportSwitch().getConfigSources(context(Map.of())).iterator().next();
        assertThat(source.getOrdinal()).isLessThan(250);
    }

    private static String samplerArg(Map<String, String> config) {
        ConfigSource source = new TraceExportSwitch().getConfigSources(context(config)).iterator().next();
        return source.getValue(TraceExportSwitch.SAMPLER_ARG);
    }

    private static ConfigSourceContext context(Map<String, String> config) {
        return new ConfigSourceContext() {

            @Override
            public ConfigValue getValue(String name) {
                return config.containsKey(name)
                        ? ConfigValue.builder().withName(name).withValue(config.get(name)).build()
                        : ConfigValue.builder().withName(name).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }
        };
    }
}
