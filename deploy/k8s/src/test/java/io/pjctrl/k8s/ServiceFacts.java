package io.pjctrl.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service really listens on and reads, taken from its own sources (application.properties and the
 * {@code @ConfigMapping} interface's defaults), so the manifests are checked against the code and not against a copy.
 */
record ServiceFacts(String name, Properties properties, Map<String, String> topics) {

    /** {@code @WithDefault("value")} directly above {@code String method();}. */
    private static final Pattern TOPIC_DEFAULT = Pattern
            .compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+String\\s+(\\w+)\\(\\)\\s*;");

    static final ServiceFacts PROJECT = load("project-service", "io/pjctrl/project/ProjectServiceConfig.java");
    static final ServiceFacts AUDIT = load("audit-service", "io/pjctrl/audit/AuditServiceConfig.java");
    /** The witness (deploy/k8s/witness) uses no Kafka topics. */
    static final ServiceFacts WITNESS = load("witness", null);

    static ServiceFacts of(String name) {
        return switch (name) {
            case "project-service" -> PROJECT;
            case "audit-service" -> AUDIT;
            case "witness" -> WITNESS;
            default -> throw new IllegalArgumentException("unknown service " + name);
        };
    }

    private static ServiceFacts load(String name, String configSource) {
        Path module = Paths.root().resolve(name);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
            return new ServiceFacts(name, properties, configSource == null
                    ? Map.of()
                    : topics(Files.readString(module.resolve("src/main/java").resolve(configSource)), properties));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the configuration of " + name, e);
        }
    }

    /** Topic keys (pjctrl.topics.dead-letter, ...) to their effective default. */
    private static Map<String, String> topics(String configSource, Properties properties) {
        // Comments go first: a Javadoc {@code ...} would otherwise close the group early.
        String code = configSource.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        int start = code.indexOf("interface Topics");
        if (start < 0) {
            throw new IllegalStateException("no Topics group in the config mapping");
        }
        int end = code.indexOf('{', start);
        for (int depth = 0; end < code.length(); end++) {
            depth += code.charAt(end) == '{' ? 1 : code.charAt(end) == '}' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        String topicsGroup = code.substring(start, end);
        Map<String, String> topics = new LinkedHashMap<>();
        Matcher matcher = TOPIC_DEFAULT.matcher(topicsGroup);
        while (matcher.find()) {
            String key = "pjctrl.topics." + kebab(matcher.group(2));
            topics.put(key, propertyDefault(properties.getProperty(key, matcher.group(1))));
        }
        return topics;
    }

    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** {@code ${ENV:default}} in application.properties: the value a deployment without that variable gets. */
    private static String propertyDefault(String value) {
        Matcher expression = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$").matcher(value);
        return expression.matches() ? expression.group(1) : value;
    }

    /** The environment variable that sets a config key (SmallRye's mapping: upper case, non-alphanumerics to _). */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    String healthPath(String probe) {
        String sub = switch (probe) {
            case "liveness" -> properties.getProperty("quarkus.smallrye-health.liveness-path", "live");
            case "readiness" -> properties.getProperty("quarkus.smallrye-health.readiness-path", "ready");
            case "startup" -> properties.getProperty("quarkus.smallrye-health.startup-path", "started");
            default -> throw new IllegalArgumentException(probe);
        };
        String root = properties.getProperty("quarkus.http.non-application-root-path", "q");
        String health = properties.getProperty("quarkus.smallrye-health.root-path", "health");
        return ("/" + root + "/" + health + "/" + sub).replaceAll("/+", "/");
    }

    /** Consumer groups of the incoming channels: their group.id, else Quarkus's default, the application name. */
    List<String> consumerGroups() {
        return properties.stringPropertyNames().stream()
                .filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.connector"))
                .map(k -> k.substring(0, k.length() - "connector".length()) + "group.id")
                .map(k -> properties.getProperty(k, properties.getProperty("quarkus.application.name", name)))
                .distinct()
                .sorted()
                .toList();
    }

    /** group/name of the image quarkus-container-image-jib builds. */
    String imageRepository() {
        String group = properties.getProperty("quarkus.container-image.group");
        String image = properties.getProperty("quarkus.container-image.name",
                properties.getProperty("quarkus.application.name", name));
        return group == null || group.isBlank() ? image : group + "/" + image;
    }
}
