package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/** Every rendered object is a well-formed instance of its Kubernetes, Strimzi or CloudNativePG kind. */
class ManifestSchemaTest {

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldParseEveryObjectStrictlyAsItsKind(Rendered rendered) {
        assertThat(rendered.objects()).isNotEmpty();
        for (JsonNode object : rendered.objects()) {
            Object model = StrictModels.read(object, StrictModels.modelOf(object));
            assertThat(model).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldGiveEveryObjectAValidUniqueName(Rendered rendered) {
        var names = rendered.objects()
                .stream()
                .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .toList();
        assertThat(names).doesNotHaveDuplicates();
        // DNS subdomain (RFC 1123), which every kind used here accepts as metadata.name.
        assertThat(rendered.objects()).allSatisfy(o -> assertThat(o.path("metadata").path("name").asText())
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
                .hasSizeLessThanOrEqualTo(253));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldPutOverlaysIntoTheirOwnNamespace(Rendered rendered) {
        if (rendered.name().startsWith("overlays/")) {
            String expected = rendered.name().endsWith("dev") ? "pjctrl-dev" : "pjctrl";
            assertThat(rendered.objects())
                    .allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isEqualTo(expected));
        }
    }

    @Test
    void shouldRejectAMisspeltKubernetesField() {
        ObjectNode deployment = Rendered.of("base").get("Deployment", "audit-service").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("readinessProbes", "typo");

        assertThatThrownBy(() -> StrictModels.read(deployment, Deployment.class))
                .hasMessageContaining("readinessProbes");
    }

    @Test
    void shouldRejectAMisspeltStrimziField() {
        ObjectNode topic = Rendered.of("base").get("KafkaTopic", "pjctrl-audit-events").deepCopy();
        ((ObjectNode) topic.path("spec")).put("partition", 6);

        assertThatThrownBy(() -> StrictModels.read(topic, KafkaTopic.class)).hasMessageContaining("partition");
    }

    @Test
    void shouldRejectAMisspeltCloudNativePgField() {
        ObjectNode cluster = Rendered.of("base").get("Cluster", "audit-db").deepCopy();
        ((ObjectNode) cluster.path("spec")).put("instance", 3);

        assertThatThrownBy(() -> StrictModels.read(cluster, Cnpg.Cluster.class)).hasMessageContaining("instance");
    }

    @Test
    void shouldRejectAMisspeltPrometheusOperatorField() {
        ObjectNode monitor = Rendered.of("base").get("PodMonitor", "audit-service").deepCopy();
        ((ObjectNode) monitor.at("/spec/podMetricsEndpoints/0")).put("paths", "/q/metrics");
        ObjectNode rule = Rendered.of("base").get("PrometheusRule", "pjctrl").deepCopy();
        ((ObjectNode) rule.at("/spec/groups/0/rules/0")).put("expression", "up == 0");

        assertThatThrownBy(() -> StrictModels.read(monitor, PodMonitor.class)).hasMessageContaining("paths");
        assertThatThrownBy(() -> StrictModels.read(rule, PrometheusRule.class)).hasMessageContaining("expression");
    }

    @Test
    void shouldRejectAFiveFieldBackupSchedule() {
        ObjectNode backup = Rendered.of("base").get("ScheduledBackup", "audit-db-daily").deepCopy();
        ((ObjectNode) backup.path("spec")).put("schedule", "0 2 * * *");

        assertThatThrownBy(() -> StrictModels.read(backup, Cnpg.ScheduledBackup.class))
                .hasMessageContaining("six fields");
    }

    @Test
    void shouldRejectAKindWithoutModel() {
        ObjectNode unknown = Rendered.of("base").get("ConfigMap", "audit-service-config").deepCopy();
        unknown.put("apiVersion", "v2");

        assertThatThrownBy(() -> StrictModels.modelOf(unknown)).hasMessageContaining("no model for v2 ConfigMap");
    }
}
