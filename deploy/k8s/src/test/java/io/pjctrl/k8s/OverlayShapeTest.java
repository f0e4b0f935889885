package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** dev is one of everything; prod is three of everything, spread out; both stay consistent with Kafka's size. */
class OverlayShapeTest {

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @Test
    void shouldRunOneOfEverythingInDev() {
        Rendered dev = Rendered.of("overlays/dev");

        assertThat(dev.get("Deployment", "project-service").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(dev.get("HorizontalPodAutoscaler", "audit-service").at("/spec/minReplicas").asInt()).isEqualTo(1);
        assertThat(dev.get("KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(dev.ofKind("Cluster")).allSatisfy(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(1));
    }

    @Test
    void shouldRunThreeSpreadReplicasInProd() {
        Rendered prod = Rendered.of("overlays/prod");

        assertThat(prod.get("Deployment", "project-service").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(prod.get("HorizontalPodAutoscaler", "audit-service").at("/spec/minReplicas").asInt()).isEqualTo(3);
        assertThat(prod.get("KafkaNodePool", "dual-role").at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(prod.ofKind("Cluster")).allSatisfy(c -> assertThat(c.at("/spec/instances").asInt()).isEqualTo(3));
        for (Workload workload : Workload.all(prod)) {
            JsonNode labels = workload.deployment().at("/spec/template/metadata/labels");
            JsonNode antiAffinity = workload.podSpec()
                    .at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm");
            assertThat(antiAffinity.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertSelects(antiAffinity.at("/labelSelector/matchLabels"), labels);
            List<JsonNode> spread = Workload.list(workload.podSpec().path("topologySpreadConstraints"));
            assertThat(spread).extracting(s -> s.path("topologyKey").asText())
                    .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            spread.forEach(s -> assertSelects(s.at("/labelSelector/matchLabels"), labels));
            assertThat(workload.container().path("image").asText()).doesNotContain("SNAPSHOT").contains("/pjctrl/");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldNotAskKafkaForMoreReplicasThanBrokers(Rendered rendered) {
        int brokers = rendered.get("KafkaNodePool", "dual-role").at("/spec/replicas").asInt();
        JsonNode config = rendered.ofKind("Kafka").findFirst().orElseThrow().at("/spec/kafka/config");

        assertThat(config.path("default.replication.factor").asInt()).isLessThanOrEqualTo(brokers);
        assertThat(config.path("offsets.topic.replication.factor").asInt()).isLessThanOrEqualTo(brokers);
        assertThat(rendered.ofKind("KafkaTopic")).allSatisfy(topic -> {
            int replicas = topic.at("/spec/replicas").asInt();
            int minInSync = topic.at("/spec/config/min.insync.replicas").asInt();
            assertThat(replicas).isBetween(1, brokers);
            // With acks=all, min.insync.replicas = replicas would stop every write when one broker restarts.
            assertThat(minInSync).isLessThanOrEqualTo(Math.max(1, replicas - 1));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldCoverEachServiceWithABudgetAndANetworkPolicy(Rendered rendered) {
        for (Workload workload : Workload.all(rendered)) {
            JsonNode labels = workload.deployment().at("/spec/template/metadata/labels");
            JsonNode pdb = rendered.get("PodDisruptionBudget", workload.name()).path("spec");
            assertSelects(pdb.at("/selector/matchLabels"), labels);
            assertThat(pdb.path("maxUnavailable").asInt()).as("a drain can always proceed").isGreaterThanOrEqualTo(1);

            JsonNode policy = rendered.get("NetworkPolicy", workload.name()).path("spec");
            assertSelects(policy.at("/podSelector/matchLabels"), labels);
            assertThat(Workload.list(policy.path("policyTypes"))).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("Ingress", "Egress");
            // DNS, its database, Kafka; audit-service also reaches project-service (the admin UI's sign-in proxy).
            int egress = workload.name().equals("audit-service") ? 4 : 3;
            assertThat(policy.path("egress")).as("DNS, its database, Kafka (+ project-service for audit-service)")
                    .hasSize(egress);
        }
    }

    private static void assertSelects(JsonNode matchLabels, JsonNode podLabels) {
        assertThat(matchLabels.isEmpty()).isFalse();
        matchLabels.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey())).isEqualTo(e.getValue()));
    }
}
