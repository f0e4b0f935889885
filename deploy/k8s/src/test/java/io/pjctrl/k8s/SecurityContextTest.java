package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** No container runs as root, writes its image, escalates privileges or runs without resource bounds. */
class SecurityContextTest {

    static Stream<Workload> workloads() {
        return Rendered.all().flatMap(r -> Workload.all(r).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void shouldNeverRunAsRoot(Workload workload) {
        JsonNode pod = workload.podSpec().path("securityContext");
        JsonNode container = workload.container().path("securityContext");
        JsonNode runAsNonRoot = container.has("runAsNonRoot")
                ? container.path("runAsNonRoot")
                : pod.path("runAsNonRoot");
        JsonNode runAsUser = container.has("runAsUser") ? container.path("runAsUser") : pod.path("runAsUser");

        assertThat(runAsNonRoot.asBoolean(false)).as("%s runAsNonRoot", workload).isTrue();
        assertThat(runAsUser.isInt() && runAsUser.asInt() > 0).as("%s runAsUser %s", workload, runAsUser).isTrue();
        String jibUser = ServiceFacts.of(workload.name()).properties().getProperty("quarkus.jib.user");
        if (jibUser != null) {
            assertThat(runAsUser.asText()).as("the image's user (quarkus.jib.user)").isEqualTo(jibUser);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void shouldLockDownTheContainer(Workload workload) {
        JsonNode context = workload.container().path("securityContext");

        assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(context.path("readOnlyRootFilesystem").asBoolean(false)).isTrue();
        assertThat(context.path("privileged").asBoolean(false)).isFalse();
        assertThat(Workload.list(context.at("/capabilities/drop"))).extracting(JsonNode::asText).contains("ALL");
        assertThat(context.at("/capabilities/add").isMissingNode()).isTrue();
        assertThat(workload.podSpec().at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(workload.podSpec().path("automountServiceAccountToken").asBoolean(true)).isFalse();
        for (String hostAccess : new String[]{"hostNetwork", "hostPID", "hostIPC"}) {
            assertThat(workload.podSpec().path(hostAccess).asBoolean(false)).as(hostAccess).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void shouldGiveQuarkusAWritableTmpOnAReadOnlyRoot(Workload workload) {
        JsonNode tmp = Workload.list(workload.container().path("volumeMounts")).stream()
                .filter(m -> m.path("mountPath").asText().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError(workload + " has no /tmp mount"));
        JsonNode volume = Workload.list(workload.podSpec().path("volumes")).stream()
                .filter(v -> v.path("name").asText().equals(tmp.path("name").asText())).findFirst().orElseThrow();

        assertThat(volume.has("emptyDir")).isTrue();
        assertThat(volume.at("/emptyDir/sizeLimit").isMissingNode()).as("a bounded /tmp").isFalse();
        assertThat(tmp.path("readOnly").asBoolean(false)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void shouldBoundResources(Workload workload) {
        JsonNode resources = workload.container().path("resources");

        assertThat(resources.at("/requests/cpu").isMissingNode()).isFalse();
        assertThat(resources.at("/requests/memory").isMissingNode()).isFalse();
        // Memory limit = request: the JVM sizes its heap from the limit, and the pod is never OOM-killed for
        // using what it was promised.
        assertThat(resources.at("/limits/memory").asText()).isEqualTo(resources.at("/requests/memory").asText());
    }
}
