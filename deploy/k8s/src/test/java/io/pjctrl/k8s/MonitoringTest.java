package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/**
 * The operator kit: a PodMonitor per service that really selects its pods and their metrics port, and a
 * PrometheusRule whose alerts are the ones docs/operations.md lists, each with a severity and a text, naming only
 * metrics the services register.
 */
class MonitoringTest {

    /** The alerts issue 17 asks for, from docs/operations.md's table. */
    static final Set<String> REQUIRED_ALERTS = Set.of("PjctrlIngestLag", "PjctrlDeadLetters", "PjctrlOutboxBacklog",
            "PjctrlCheckpointStale", "PjctrlVerificationFailed", "PjctrlHttp5xx");

    private static final Pattern PJCTRL_METRIC = Pattern.compile("\\bpjctrl_[a-z0-9_]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("services")
    void shouldScrapeEveryPodOfEachServiceOnItsMetricsPort(Rendered rendered, String service) {
        Deployment deployment = StrictModels.read(rendered.get("Deployment", service), Deployment.class);
        PodMonitor monitor = StrictModels.read(rendered.get("PodMonitor", service), PodMonitor.class);

        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getSelector().getMatchLabels()).isNotEmpty();
        var ports = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .map(p -> p.getName()).toList();
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement().satisfies((PodMetricsEndpoint e) -> {
            assertThat(ports).contains(e.getPort());
            assertThat(e.getPath()).isEqualTo(annotations.get("prometheus.io/path")).isEqualTo("/q/metrics");
        });
        // Monitors outside the overlay's namespace would look for pods in another one.
        assertThat(rendered.get("PodMonitor", service).path("metadata").path("namespace").asText())
                .isEqualTo(rendered.get("Deployment", service).path("metadata").path("namespace").asText());
    }

    static Stream<Object[]> services() {
        return Rendered.all().flatMap(r -> Stream.of(new Object[]{r, "project-service"}, new Object[]{r, "audit-service"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldAlertOnWhatOperationsMdListsWithSeverityAndText(Rendered rendered) {
        List<Rule> alerts = alerts(rendered);

        assertThat(alerts).extracting(Rule::getAlert).doesNotHaveDuplicates().containsAll(REQUIRED_ALERTS);
        assertThat(alerts).allSatisfy(rule -> {
            assertThat(rule.getLabels()).as(rule.getAlert()).containsKey("severity");
            assertThat(rule.getLabels().get("severity")).as(rule.getAlert()).isIn("page", "ticket");
            assertThat(rule.getAnnotations()).as(rule.getAlert()).containsKeys("summary", "description");
            assertThat(expr(rule)).as(rule.getAlert()).isNotBlank();
            assertThat(balanced(expr(rule))).as("brackets of %s", rule.getAlert()).isTrue();
            if (rule.getFor() != null) {
                assertThat(rule.getFor()).as(rule.getAlert()).matches(DURATION);
            }
        });
        String operations = read(Paths.root().resolve("docs/operations.md"));
        assertThat(alerts).allSatisfy(rule -> assertThat(operations).as("docs/operations.md names %s", rule.getAlert())
                .contains(rule.getAlert()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldNameOnlyMetricsTheServicesRegister(Rendered rendered) {
        Set<String> meters = registeredMeters();
        List<String> unknown = new ArrayList<>();
        for (Rule rule : alerts(rendered)) {
            Matcher m = PJCTRL_METRIC.matcher(expr(rule));
            while (m.find()) {
                if (!registered(m.group(), meters)) {
                    unknown.add(rule.getAlert() + ": " + m.group());
                }
            }
        }
        assertThat(meters).contains("pjctrl.checkpoint.age", "pjctrl.verify.last.valid");
        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pjctrl_checkpoint_agee_seconds", "pjctrl_verify_last_valid_total_seconds",
            "pjctrl_outbox"})
    void shouldNotTakeAMisspeltMetricForARegisteredOne(String metric) {
        assertThat(registered(metric, registeredMeters())).isFalse();
    }

    @Test
    void shouldResolvePrometheusNamesToMicrometerMeters() {
        Set<String> meters = registeredMeters();
        assertThat(registered("pjctrl_ingest_latency_seconds_bucket", meters)).isTrue();
        assertThat(registered("pjctrl_ingest_dead_lettered_total", meters)).isTrue();
        assertThat(registered("pjctrl_verify_last_run_timestamp_seconds", meters)).isTrue();
    }

    private static List<Rule> alerts(Rendered rendered) {
        PrometheusRule rule = StrictModels.read(rendered.get("PrometheusRule", "pjctrl"), PrometheusRule.class);
        return rule.getSpec().getGroups().stream().flatMap(g -> g.getRules().stream()).toList();
    }

    private static String expr(Rule rule) {
        return rule.getExpr().getStrVal() != null ? rule.getExpr().getStrVal() : String.valueOf(rule.getExpr().getIntVal());
    }

    /**
     * Micrometer's Prometheus names: dots become underscores, a base unit is appended ({@code _seconds}), counters get
     * {@code _total}, histograms {@code _bucket|_count|_sum|_max}.
     */
    static boolean registered(String prometheusName, Set<String> meters) {
        String name = prometheusName.replaceFirst("_(bucket|count|sum|max)$", "");
        for (String candidate : List.of(name, name.replaceFirst("_total$", ""), name.replaceFirst("_seconds$", ""))) {
            if (meters.contains(candidate.replace('_', '.'))) {
                return true;
            }
        }
        return false;
    }

    /** Every "pjctrl.x.y" string literal of the services' main sources. */
    static Set<String> registeredMeters() {
        Pattern literal = Pattern.compile("\"(pjctrl(\\.[a-z0-9]+)+)\"");
        try (Stream<Path> files = Stream.of("project-service", "audit-service")
                .map(s -> Paths.root().resolve(s).resolve("src/main/java"))
                .flatMap(MonitoringTest::javaFiles)) {
            return files.flatMap(f -> literal.matcher(read(f)).results().map(r -> r.group(1)))
                    .collect(Collectors.toSet());
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
