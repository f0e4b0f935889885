package io.pjctrl.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** One Deployment of a rendered target, with what its single application container sees. */
record Workload(Rendered rendered, JsonNode deployment) {

    /** A Secret key the pod reads: by env var, or as a file from a secret volume. */
    record SecretKeyUse(String secret, String key, String where) {
    }

    static List<Workload> all(Rendered rendered) {
        return rendered.ofKind("Deployment").map(d -> new Workload(rendered, d)).toList();
    }

    static Workload of(Rendered rendered, String name) {
        return new Workload(rendered, rendered.get("Deployment", name));
    }

    @Override
    public String toString() {
        return rendered.name() + " " + name();
    }

    String name() {
        return deployment.path("metadata").path("name").asText();
    }

    JsonNode podSpec() {
        return deployment.at("/spec/template/spec");
    }

    /** The container named like the Deployment: each pod runs exactly one. */
    JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        if (containers.size() != 1 || !name().equals(containers.get(0).path("name").asText())) {
            throw new AssertionError(name() + " must run exactly one container named " + name());
        }
        return containers.get(0);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /**
     * The container's environment as the kubelet builds it: envFrom ConfigMaps first, then env entries (which win).
     * A value from a Secret is shown as {@code secret:<name>/<key>}.
     */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : list(container().path("envFrom"))) {
            String configMap = source.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                rendered.get("ConfigMap", configMap).path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode var : list(container().path("env"))) {
            JsonNode secretRef = var.at("/valueFrom/secretKeyRef");
            JsonNode configMapRef = var.at("/valueFrom/configMapKeyRef");
            String value = !secretRef.isMissingNode()
                    ? "secret:" + secretRef.path("name").asText() + "/" + secretRef.path("key").asText()
                    : !configMapRef.isMissingNode()
                            ? rendered.get("ConfigMap", configMapRef.path("name").asText())
                                    .path("data")
                                    .path(configMapRef.path("key").asText())
                                    .asText()
                            : var.path("value").asText();
            env.put(var.path("name").asText(), value);
        }
        return env;
    }

    List<SecretKeyUse> secretKeyUses() {
        List<SecretKeyUse> uses = new ArrayList<>();
        for (JsonNode var : list(container().path("env"))) {
            JsonNode ref = var.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                uses.add(new SecretKeyUse(ref.path("name").asText(), ref.path("key").asText(),
                        "env " + var.path("name").asText()));
            }
        }
        for (JsonNode volume : list(podSpec().path("volumes"))) {
            JsonNode secret = volume.path("secret");
            if (!secret.isMissingNode()) {
                if (!secret.has("items")) {
                    throw new AssertionError(name() + " volume " + volume.path("name").asText()
                            + " mounts a whole Secret: project the keys it needs with items");
                }
                for (JsonNode item : list(secret.path("items"))) {
                    uses.add(new SecretKeyUse(secret.path("secretName").asText(), item.path("key").asText(),
                            "volume " + volume.path("name").asText()));
                }
            }
        }
        return uses;
    }

    /** Files the container can read under its secret/configMap mounts: mount path + item path. */
    List<String> mountedFiles() {
        List<String> files = new ArrayList<>();
        for (JsonNode mount : list(container().path("volumeMounts"))) {
            Optional<JsonNode> volume = list(podSpec().path("volumes")).stream()
                    .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
                    .findFirst();
            JsonNode source = volume.map(v -> v.has("secret") ? v.path("secret") : v.path("configMap"))
                    .orElseThrow(() -> new AssertionError(name() + " mounts unknown volume " + mount));
            for (JsonNode item : list(source.path("items"))) {
                files.add(mount.path("mountPath").asText() + "/" + item.path("path").asText());
            }
        }
        return files;
    }
}
