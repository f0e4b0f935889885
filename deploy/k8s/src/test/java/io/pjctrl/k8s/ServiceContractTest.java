package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The manifests agree with the services' real ports, health endpoints, topics, images and Kafka/DB wiring. */
class ServiceContractTest {

    private static final Map<String, String> DATABASE_OF = Map.of("project-service", "project-db", "audit-service",
            "audit-db");
    private static final Map<String, List<String>> TOPICS_USED = Map.of(
            "project-service", List.of("pjctrl.topics.events"),
            "audit-service", List.of("pjctrl.topics.events", "pjctrl.topics.dead-letter", "pjctrl.topics.alerts",
                    "pjctrl.topics.checkpoints", "pjctrl.topics.ocsf"));

    static Stream<Arguments> workloads() {
        return Rendered.all()
                .flatMap(r -> Stream.of("project-service", "audit-service").map(s -> Arguments.of(r, s)));
    }

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldListenOnTheServicesHttpPort(Rendered rendered, String service) {
        int port = ServiceFacts.of(service).httpPort();
        Workload workload = Workload.of(rendered, service);

        assertThat(containerPort(workload, "http")).isEqualTo(port);
        JsonNode servicePort = rendered.get("Service", service).at("/spec/ports/0");
        assertThat(servicePort.path("port").asInt()).isEqualTo(port);
        assertThat(resolvePort(workload, servicePort.path("targetPort"))).isEqualTo(port);
        assertThat(rendered.get("Service", service).at("/spec/selector"))
                .isEqualTo(workload.deployment().at("/spec/selector/matchLabels"));
        assertThat(rendered.get("NetworkPolicy", service).at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(port);
        assertThat(workload.deployment().at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(String.valueOf(port));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldProbeTheRealHealthEndpoints(Rendered rendered, String service) {
        ServiceFacts facts = ServiceFacts.of(service);
        Workload workload = Workload.of(rendered, service);
        Map<String, String> probes = Map.of("startupProbe", "startup", "livenessProbe", "liveness", "readinessProbe",
                "readiness");
        probes.forEach((field, kind) -> {
            JsonNode get = workload.container().path(field).path("httpGet");
            assertThat(get.path("path").asText()).as("%s %s path", service, field).isEqualTo(facts.healthPath(kind));
            assertThat(resolvePort(workload, get.path("port"))).as("%s %s port", service, field)
                    .isEqualTo(facts.httpPort());
        });
        assertThat(facts.healthPath("readiness")).isEqualTo("/q/health/ready");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldConfigureTheTopicsTheServiceReads(Rendered rendered, String service) {
        Map<String, String> env = Workload.of(rendered, service).environment();
        Set<String> topics = rendered.ofKind("KafkaTopic").map(ServiceContractTest::topicName)
                .collect(Collectors.toSet());
        Map<String, String> known = ServiceFacts.of(service).topics();
        // The topics each service works with are set explicitly; a key a service merely accepts may be left out.
        assertThat(known).containsKeys(TOPICS_USED.get(service).toArray(String[]::new));
        TOPICS_USED.get(service).forEach(key -> assertThat(env).as("%s sets %s", service, key)
                .containsKey(ServiceFacts.envName(key)));
        known.forEach((key, topic) -> {
            String effective = env.getOrDefault(ServiceFacts.envName(key), topic);
            assertThat(effective).as("%s %s: manifests and code name the same topic", service, key).isEqualTo(topic);
            assertThat(topics).as("a KafkaTopic for %s of %s", key, service).contains(effective);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldCapAuditServiceReplicasAtTheEventPartitions(Rendered rendered) {
        String eventsTopic = ServiceFacts.AUDIT.topics().get("pjctrl.topics.events");
        int partitions = rendered.ofKind("KafkaTopic").filter(t -> topicName(t).equals(eventsTopic)).findFirst()
                .orElseThrow().at("/spec/partitions").asInt();
        JsonNode hpa = rendered.get("HorizontalPodAutoscaler", "audit-service").path("spec");

        assertThat(hpa.at("/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/scaleTargetRef/name").asText()).isEqualTo("audit-service");
        assertThat(hpa.path("maxReplicas").asInt()).isBetween(1, partitions);
        assertThat(hpa.path("minReplicas").asInt()).isBetween(1, hpa.path("maxReplicas").asInt());
        // A replicas field would fight the HPA on every kubectl apply.
        assertThat(Workload.of(rendered, "audit-service").deployment().at("/spec/replicas").isMissingNode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldCompactTheCheckpointsTopicByChain(Rendered rendered) {
        String checkpoints = ServiceFacts.AUDIT.topics().get("pjctrl.topics.checkpoints");
        JsonNode config = rendered.ofKind("KafkaTopic").filter(t -> topicName(t).equals(checkpoints)).findFirst()
                .orElseThrow().at("/spec/config");
        // The latest checkpoint of every chain must never expire: verify compares the stored trees with it.
        assertThat(config.path("cleanup.policy").asText()).isEqualTo("compact");
        assertThat(config.path("min.compaction.lag.ms").asLong()).isGreaterThanOrEqualTo(Duration.ofDays(7).toMillis());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldGiveTheOcsfTopicAPartitionPerChain(Rendered rendered) {
        Map<String, String> audit = ServiceFacts.AUDIT.topics();
        int events = partitions(rendered, audit.get("pjctrl.topics.events"));
        // Keyed by chain id: one partition per chain keeps each chain's records in order without a hot partition.
        assertThat(partitions(rendered, audit.get("pjctrl.topics.ocsf"))).isEqualTo(events);
        assertThat(Workload.of(rendered, "audit-service").environment())
                .containsKey(ServiceFacts.envName("pjctrl.ocsf.topic.enabled"));
    }

    private static int partitions(Rendered rendered, String topic) {
        return rendered.ofKind("KafkaTopic").filter(t -> topicName(t).equals(topic)).findFirst().orElseThrow()
                .at("/spec/partitions").asInt();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldGrantEachKafkaUserOnlyWhatItsServiceNeeds(Rendered rendered) {
        Map<String, String> audit = ServiceFacts.AUDIT.topics();
        String events = audit.get("pjctrl.topics.events");
        List<String> groups = ServiceFacts.AUDIT.consumerGroups();
        assertThat(groups).hasSize(1);
        String group = groups.get(0);

        assertThat(acls(rendered, "project-service")).containsExactlyInAnyOrder("topic " + events + " Write",
                "topic " + events + " Describe");
        assertThat(acls(rendered, "audit-service")).containsExactlyInAnyOrder(
                "topic " + events + " Read", "topic " + events + " Describe", "group " + group + " Read",
                "topic " + audit.get("pjctrl.topics.dead-letter") + " Write",
                // Verify reads the dead letters and the published checkpoints back (reconciliation; copies held
                // outside the database), with a plain consumer outside any group.
                "topic " + audit.get("pjctrl.topics.dead-letter") + " Read",
                "topic " + audit.get("pjctrl.topics.dead-letter") + " Describe",
                "topic " + audit.get("pjctrl.topics.alerts") + " Write",
                "topic " + audit.get("pjctrl.topics.alerts") + " Describe",
                "topic " + audit.get("pjctrl.topics.ocsf") + " Write",
                "topic " + audit.get("pjctrl.topics.ocsf") + " Describe",
                "topic " + audit.get("pjctrl.topics.checkpoints") + " Write",
                "topic " + audit.get("pjctrl.topics.checkpoints") + " Read",
                "topic " + audit.get("pjctrl.topics.checkpoints") + " Describe");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldReachKafkaThroughTheAuthenticatedTlsListener(Rendered rendered, String service) {
        JsonNode kafka = rendered.ofKind("Kafka").findFirst().orElseThrow();
        JsonNode listener = Workload.list(kafka.at("/spec/kafka/listeners")).stream()
                .filter(l -> l.path("tls").asBoolean() && l.at("/authentication/type").asText().equals("scram-sha-512"))
                .findFirst().orElseThrow();
        Map<String, String> env = Workload.of(rendered, service).environment();

        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                kafka.at("/metadata/name").asText() + "-kafka-bootstrap:" + listener.path("port").asInt())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SASL_JAAS_CONFIG", "secret:" + service + "/sasl.jaas.config");
        assertThat(rendered.find("KafkaUser", service)).isPresent();
        assertThat(rendered.get("KafkaUser", service).at("/spec/authentication/type").asText())
                .isEqualTo("scram-sha-512");
        assertThat(rendered.get("NetworkPolicy", service).path("spec").path("egress").toString())
                .contains("\"port\":" + listener.path("port").asInt());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldUseItsOwnDatabaseOverVerifiedTls(Rendered rendered, String service) {
        String cluster = DATABASE_OF.get(service);
        String database = rendered.get("Cluster", cluster).at("/spec/bootstrap/initdb/database").asText();
        Map<String, String> env = Workload.of(rendered, service).environment();

        assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"))
                .isEqualTo("postgresql://%s-rw:5432/%s".formatted(cluster, database));
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:postgresql://%s-rw:5432/%s?sslmode=verify-full".formatted(cluster, database));
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:%s-app/username".formatted(cluster))
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:%s-app/password".formatted(cluster));
        assertThat(rendered.get("NetworkPolicy", service).path("spec").path("egress").toString())
                .contains("\"cnpg.io/cluster\":\"" + cluster + "\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldVerifyTokensIssuedByProjectService(Rendered rendered, String service) {
        Map<String, String> env = Workload.of(rendered, service).environment();

        assertThat(env).containsEntry("MP_JWT_VERIFY_ISSUER", "pjctrl-project-service")
                .containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        if (service.equals("project-service")) {
            assertThat(env).containsKeys("SMALLRYE_JWT_SIGN_KEY_LOCATION", "PJCTRL_ADMIN_EMAIL", "PJCTRL_ADMIN_PASSWORD");
        } else {
            assertThat(env).containsKey("PJCTRL_CHECKPOINT_PRIVATE_KEY_FILE")
                    .doesNotContainKey("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("workloads")
    void shouldRunTheImageJibBuilds(Rendered rendered, String service) {
        String image = Workload.of(rendered, service).container().path("image").asText();
        String repository = image.replaceFirst(":[^:/]+$", "");

        assertThat(repository).as("image %s", image)
                .matches("(.+/)?" + java.util.regex.Pattern.quote(ServiceFacts.of(service).imageRepository()));
        assertThat(image).as("an explicit tag").matches(".+:[^:/]+$");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldBackUpEveryDatabase(Rendered rendered) {
        List<JsonNode> clusters = rendered.ofKind("Cluster").toList();
        assertThat(clusters).hasSize(2);
        for (JsonNode cluster : clusters) {
            String name = cluster.at("/metadata/name").asText();
            JsonNode plugin = Workload.list(cluster.at("/spec/plugins")).stream()
                    .filter(p -> p.path("name").asText().equals("barman-cloud.cloudnative-pg.io")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no backup plugin"));
            assertThat(plugin.path("isWALArchiver").asBoolean()).as("%s archives WAL", name).isTrue();
            assertThat(rendered.find("ObjectStore", plugin.at("/parameters/barmanObjectName").asText())).isPresent();
            assertThat(rendered.ofKind("ScheduledBackup"))
                    .anyMatch(b -> b.at("/spec/cluster/name").asText().equals(name)
                            && b.at("/spec/method").asText().equals("plugin"));
        }
    }

    private static String topicName(JsonNode topic) {
        return topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
    }

    private static List<String> acls(Rendered rendered, String user) {
        return Workload.list(rendered.get("KafkaUser", user).at("/spec/authorization/acls")).stream()
                .peek(acl -> assertThat(acl.at("/resource/patternType").asText("literal")).isEqualTo("literal"))
                .flatMap(acl -> Workload.list(acl.path("operations")).stream()
                        .map(op -> acl.at("/resource/type").asText() + " " + acl.at("/resource/name").asText() + " "
                                + op.asText()))
                .toList();
    }

    private static int containerPort(Workload workload, String name) {
        return Workload.list(workload.container().path("ports")).stream()
                .filter(p -> p.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(workload.name() + " has no port " + name))
                .path("containerPort").asInt();
    }

    private static int resolvePort(Workload workload, JsonNode port) {
        return port.isInt() ? port.asInt() : containerPort(workload, port.asText());
    }
}
