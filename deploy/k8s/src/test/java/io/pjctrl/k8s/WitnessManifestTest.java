package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deploy/k8s/witness: the same checks as the stack's manifests (strict kinds, security context, ports, probes, image,
 * references) plus what makes it a witness another organisation can run: its own namespace, its own database and key,
 * reachable only from audit-service.
 */
class WitnessManifestTest {

    private static final String NAMESPACE = "pjctrl-witness";

    private final Rendered rendered = Rendered.of(Rendered.WITNESS);
    private final Workload witness = Workload.of(rendered, "witness");

    @Test
    void shouldParseEveryObjectStrictlyAndPutItIntoItsOwnNamespace() {
        assertThat(rendered.objects()).isNotEmpty();
        for (JsonNode object : rendered.objects()) {
            assertThat(StrictModels.read(object, StrictModels.modelOf(object))).isNotNull();
            if (!object.path("kind").asText().equals("Namespace")) {
                assertThat(object.at("/metadata/namespace").asText()).as("%s", object.at("/metadata/name"))
                        .isEqualTo(NAMESPACE);
            }
        }
        assertThat(rendered.get("Namespace", NAMESPACE).at("/metadata/labels/pod-security.kubernetes.io~1enforce")
                .asText()).isEqualTo("restricted");
    }

    @Test
    void shouldLockDownTheContainerLikeTheServices() {
        SecurityContextTest security = new SecurityContextTest();
        security.shouldNeverRunAsRoot(witness);
        security.shouldLockDownTheContainer(witness);
        security.shouldGiveQuarkusAWritableTmpOnAReadOnlyRoot(witness);
        security.shouldBoundResources(witness);
    }

    @Test
    void shouldListenProbeAndRunTheImageTheWitnessModuleDefines() {
        ServiceContractTest contract = new ServiceContractTest();
        contract.shouldListenOnTheServicesHttpPort(rendered, "witness");
        contract.shouldProbeTheRealHealthEndpoints(rendered, "witness");
        contract.shouldRunTheImageJibBuilds(rendered, "witness");
        assertThat(ServiceFacts.WITNESS.httpPort()).isEqualTo(8084);
    }

    @Test
    void shouldBeScrapedByPrometheusLikeTheServices() {
        new MonitoringTest().shouldScrapeEveryPodOfEachServiceOnItsMetricsPort(rendered, "witness");
    }

    @Test
    void shouldReadOnlySecretsAndConfigThatResolve() {
        ManifestReferencesTest references = new ManifestReferencesTest();
        references.shouldDefineOrDocumentEverySecretKeyAPodReads(rendered);
        references.shouldReferenceOnlyConfigMapsAndKeysThatExist(rendered);
        references.shouldMountEveryFileTheConfigurationPointsAt(rendered);
    }

    @Test
    void shouldUseItsOwnDatabaseOverVerifiedTlsAndItsOwnKey() {
        String database = rendered.get("Cluster", "witness-db").at("/spec/bootstrap/initdb/database").asText();
        Map<String, String> env = witness.environment();

        assertThat(database).isEqualTo("pjctrl_witness");
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:postgresql://witness-db-rw:5432/pjctrl_witness?sslmode=verify-full");
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:witness-db-app/username")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:witness-db-app/password");
        assertThat(witness.secretKeyUses()).anyMatch(
                u -> u.secret().equals("pjctrl-witness-key") && u.key().equals("witness-private.pem"));
        assertThat(witness.mountedFiles()).contains(env.get("PJCTRL_WITNESS_PRIVATE_KEY_FILE"),
                env.get("QUARKUS_CONFIG_LOCATIONS"));
        assertThat(witness.secretKeyUses()).noneMatch(u -> u.key().equals("checkpoint-private.pem")
                || u.key().equals("jwt-private.pem") || u.key().equals("ca.key"));
    }

    @Test
    void shouldConfigureEveryKeyTheWitnessHasNoDefaultFor() throws Exception {
        Properties logs = new Properties();
        logs.load(new java.io.StringReader(rendered.get("ConfigMap", "witness-config").at("/data/witness.properties")
                .asText()));
        Map<String, String> env = witness.environment();

        assertThat(logs.getProperty("pjctrl.witness.name")).isNotBlank();
        assertThat(logs.getProperty("pjctrl.witness.logs[0].origin")).isNotBlank();
        assertThat(logs.getProperty("pjctrl.witness.logs[0].verifier-keys")).isNotBlank();
        assertThat(env.get("PJCTRL_WITNESS_PRIVATE_KEY_FILE")).isNotBlank();
    }

    @Test
    void shouldAdmitOnlyAuditServiceAndPrometheusAndReachOnlyDnsAndItsDatabase() {
        JsonNode spec = rendered.get("NetworkPolicy", "witness").path("spec");
        List<JsonNode> ingress = Workload.list(spec.path("ingress"));

        assertThat(Workload.list(spec.path("policyTypes"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(ingress).hasSize(2).allSatisfy(
                rule -> assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(ServiceFacts.WITNESS.httpPort()));
        assertThat(Workload.list(ingress.get(0).path("from"))).isNotEmpty().allSatisfy(peer -> {
            assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("audit-service");
            assertThat(peer.at("/namespaceSelector/matchExpressions/0/key").asText())
                    .isEqualTo("kubernetes.io/metadata.name");
            assertThat(Workload.list(peer.at("/namespaceSelector/matchExpressions/0/values")))
                    .extracting(JsonNode::asText).contains("pjctrl", "pjctrl-dev");
        });
        // Prometheus (the Prometheus Operator labels its pods app.kubernetes.io/name: prometheus) from the
        // monitoring namespace only: a namespaceSelector alone would admit every pod there.
        assertThat(Workload.list(ingress.get(1).path("from"))).singleElement().satisfies(peer -> {
            assertThat(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                    .isEqualTo("monitoring");
            assertThat(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("prometheus");
        });
        assertThat(Workload.list(spec.path("egress"))).hasSize(2);
        assertThat(spec.path("egress").toString()).contains("\"cnpg.io/cluster\":\"witness-db\"")
                .contains("\"k8s-app\":\"kube-dns\"").doesNotContain("strimzi");
    }
}
