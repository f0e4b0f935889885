package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Deployment needs once it runs more than one replica: settings every replica must share come from one Secret
 * (a key drawn per process breaks requests the Service routes to another pod), and settings each replica must own
 * come from the pod itself (a shared Kafka group.instance.id would fence one replica's consumers by another's).
 */
class ReplicaConsistencyTest {

    /** Per service: environment variables that must hold the same secret value on every replica. */
    private static final Map<String, List<String>> SHARED_SECRETS = Map.of(
            "audit-service", List.of("PJCTRL_API_CURSOR_SECRET", "PJCTRL_PRIVACY_KEY_ENCRYPTION_KEY"));

    /** Per service: environment variables that must differ per replica (and stay stable over container restarts). */
    private static final Map<String, List<String>> PER_POD = Map.of(
            "audit-service", List.of("PJCTRL_INGEST_INSTANCE_ID"));

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldGiveEveryMultiReplicaDeploymentItsSharedSecretsFromASecret(Rendered rendered) {
        assertThat(Workload.all(rendered)).as("a multi-replica Deployment to check").anyMatch(w -> maxReplicas(w) > 1);
        assertThat(problems(rendered)).isEmpty();
    }

    @Test
    void shouldFailWhenAMultiReplicaDeploymentLacksTheCursorSecret() {
        Rendered prod = Rendered.of("overlays/prod");
        Rendered without = withoutEnv(prod, "audit-service", "PJCTRL_API_CURSOR_SECRET");

        assertThat(problems(without)).containsExactly(
                "overlays/prod audit-service (up to 6 replicas): PJCTRL_API_CURSOR_SECRET is not read from a Secret");
    }

    @Test
    void shouldFailWhenReplicasShareOneKafkaInstanceId() {
        Rendered dev = Rendered.of("overlays/dev");
        Rendered shared = withEnvValue(dev, "audit-service", "PJCTRL_INGEST_INSTANCE_ID", "audit-service");

        assertThat(problems(shared)).containsExactly(
                "overlays/dev audit-service (up to 2 replicas): PJCTRL_INGEST_INSTANCE_ID is not the pod's name");
    }

    /** One line per setting a multi-replica Deployment gets wrong. */
    static List<String> problems(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : Workload.all(rendered)) {
            int replicas = maxReplicas(workload);
            if (replicas <= 1) {
                continue;
            }
            String where = rendered.name() + " " + workload.name() + " (up to " + replicas + " replicas): ";
            Map<String, String> env = workload.environment();
            for (String name : SHARED_SECRETS.getOrDefault(workload.name(), List.of())) {
                if (!env.getOrDefault(name, "").startsWith("secret:")) {
                    problems.add(where + name + " is not read from a Secret");
                }
            }
            for (String name : PER_POD.getOrDefault(workload.name(), List.of())) {
                if (!"metadata.name".equals(fieldRef(workload, name))) {
                    problems.add(where + name + " is not the pod's name");
                }
            }
        }
        return problems;
    }

    /** The most replicas the Deployment can run: its HPA's maxReplicas, else spec.replicas (default 1). */
    static int maxReplicas(Workload workload) {
        return workload.rendered().ofKind("HorizontalPodAutoscaler")
                .filter(hpa -> "Deployment".equals(hpa.at("/spec/scaleTargetRef/kind").asText())
                        && workload.name().equals(hpa.at("/spec/scaleTargetRef/name").asText()))
                .map(hpa -> hpa.at("/spec/maxReplicas").asInt())
                .findFirst()
                .orElse(workload.deployment().at("/spec/replicas").asInt(1));
    }

    private static String fieldRef(Workload workload, String name) {
        return Workload.list(workload.container().path("env")).stream()
                .filter(var -> name.equals(var.path("name").asText()))
                .map(var -> var.at("/valueFrom/fieldRef/fieldPath").asText(""))
                .findFirst()
                .orElse("");
    }

    private static Rendered withoutEnv(Rendered rendered, String deployment, String name) {
        return edited(rendered, deployment, env -> {
            for (int i = env.size() - 1; i >= 0; i--) {
                if (name.equals(env.get(i).path("name").asText())) {
                    env.remove(i);
                }
            }
        });
    }

    private static Rendered withEnvValue(Rendered rendered, String deployment, String name, String value) {
        return edited(rendered, deployment, env -> env.forEach(var -> {
            if (name.equals(var.path("name").asText())) {
                ((ObjectNode) var).remove("valueFrom");
                ((ObjectNode) var).put("value", value);
            }
        }));
    }

    private static Rendered edited(Rendered rendered, String deployment, java.util.function.Consumer<ArrayNode> edit) {
        List<JsonNode> objects = rendered.objects().stream().map(o -> (JsonNode) o.deepCopy()).toList();
        objects.stream()
                .filter(o -> "Deployment".equals(o.path("kind").asText())
                        && deployment.equals(o.at("/metadata/name").asText()))
                .forEach(d -> edit.accept((ArrayNode) d.at("/spec/template/spec/containers/0/env")));
        return new Rendered(rendered.name(), objects);
    }
}
