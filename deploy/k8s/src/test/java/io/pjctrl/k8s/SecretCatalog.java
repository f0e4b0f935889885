package io.pjctrl.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets the manifests reference but do not define, as documented in deploy/README.md's table, plus what the
 * operators are known to create: CloudNativePG per Cluster, Strimzi per Kafka and per KafkaUser.
 */
final class SecretCatalog {

    /** One documented row: secret, key, creator ("you", "CloudNativePG" or "Strimzi"). */
    record Documented(String secret, String key, String creator) {
    }

    static final Set<String> CNPG_APP_KEYS = Set.of("username", "password", "uri", "jdbc-uri", "host", "port",
            "dbname", "pgpass");
    static final Set<String> CNPG_CA_KEYS = Set.of("ca.crt", "ca.key");
    static final Set<String> STRIMZI_SCRAM_USER_KEYS = Set.of("password", "sasl.jaas.config");
    static final Set<String> STRIMZI_CLUSTER_CA_CERT_KEYS = Set.of("ca.crt", "ca.p12", "ca.password");

    /** {@code | `secret` | `key`, `key` | creator ... |} */
    private static final Pattern ROW = Pattern
            .compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*((?:`[^`]+`[,\\s]*)+)\\|\\s*(you|CloudNativePG|Strimzi)\\b");

    private SecretCatalog() {
    }

    static List<Documented> documented() {
        try {
            List<Documented> rows = new ArrayList<>();
            for (String line : Files.readAllLines(Paths.root().resolve("deploy/README.md"))) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    Matcher key = Pattern.compile("`([^`]+)`").matcher(row.group(2));
                    while (key.find()) {
                        rows.add(new Documented(row.group(1), key.group(1), row.group(3)));
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read deploy/README.md", e);
        }
    }

    /**
     * Why an operator-created key exists in this render, or null when no operator creates it: the owning resource must
     * be rendered too, and the key must be one that operator writes.
     */
    static String operatorSource(Rendered rendered, String secret, String key) {
        for (String suffix : List.of("-app", "-ca")) {
            if (secret.endsWith(suffix)) {
                String cluster = secret.substring(0, secret.length() - suffix.length());
                Set<String> keys = suffix.equals("-app") ? CNPG_APP_KEYS : CNPG_CA_KEYS;
                if (rendered.find("Cluster", cluster).isPresent() && keys.contains(key)) {
                    return "CloudNativePG Cluster " + cluster;
                }
            }
        }
        if (secret.endsWith("-cluster-ca-cert")) {
            String kafka = secret.substring(0, secret.length() - "-cluster-ca-cert".length());
            if (rendered.find("Kafka", kafka).isPresent() && STRIMZI_CLUSTER_CA_CERT_KEYS.contains(key)) {
                return "Strimzi Kafka " + kafka;
            }
        }
        if (rendered.find("KafkaUser", secret).isPresent() && STRIMZI_SCRAM_USER_KEYS.contains(key)) {
            return "Strimzi KafkaUser " + secret;
        }
        return null;
    }
}
