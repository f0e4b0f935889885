package io.pjctrl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every Secret and ConfigMap key a pod reads exists: defined in the render, created by an operator whose resource is
 * rendered too, or documented in deploy/README.md as created by the user.
 */
class ManifestReferencesTest {

    private static final Pattern MOUNTED_PATH = Pattern.compile("/etc/pjctrl/[A-Za-z0-9._/-]+");

    static Stream<Rendered> targets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldDefineOrDocumentEverySecretKeyAPodReads(Rendered rendered) {
        List<SecretCatalog.Documented> documented = SecretCatalog.documented();
        List<String> unresolved = new ArrayList<>();
        for (Workload workload : Workload.all(rendered)) {
            for (Workload.SecretKeyUse use : workload.secretKeyUses()) {
                if (!resolves(rendered, documented, use.secret(), use.key())) {
                    unresolved.add(workload.name() + " " + use.where() + " -> " + use.secret() + "/" + use.key());
                }
            }
        }
        rendered.ofKind("ObjectStore").forEach(store -> {
            for (String credential : List.of("accessKeyId", "secretAccessKey")) {
                JsonNode ref = store.at("/spec/configuration/s3Credentials/" + credential);
                if (!resolves(rendered, documented, ref.path("name").asText(), ref.path("key").asText())) {
                    unresolved.add("ObjectStore " + store.at("/metadata/name").asText() + " -> " + ref);
                }
            }
        });
        assertThat(unresolved).as("Secret keys neither defined, operator-created nor in deploy/README.md").isEmpty();
    }

    private static boolean resolves(Rendered rendered, List<SecretCatalog.Documented> documented, String secret,
            String key) {
        var defined = rendered.find("Secret", secret);
        if (defined.isPresent()) {
            return defined.get().path("data").has(key) || defined.get().path("stringData").has(key);
        }
        return documented.stream()
                .filter(row -> row.secret().equals(secret) && row.key().equals(key))
                .anyMatch(row -> row.creator().equals("you")
                        || SecretCatalog.operatorSource(rendered, secret, key) != null);
    }

    @Test
    void shouldDocumentOnlySecretsTheManifestsUse() {
        List<String> used = Stream.concat(Rendered.all(), Stream.of(Rendered.of(Rendered.WITNESS)))
                .flatMap(rendered -> Stream.concat(
                        Workload.all(rendered).stream()
                                .flatMap(w -> w.secretKeyUses().stream())
                                .map(u -> u.secret() + "/" + u.key()),
                        rendered.ofKind("ObjectStore")
                                .flatMap(s -> Stream.of("accessKeyId", "secretAccessKey")
                                        .map(c -> s.at("/spec/configuration/s3Credentials/" + c))
                                        .map(r -> r.path("name").asText() + "/" + r.path("key").asText()))))
                .distinct()
                .toList();
        assertThat(SecretCatalog.documented())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(used).as("documented in deploy/README.md but unused")
                        .contains(row.secret() + "/" + row.key()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldReferenceOnlyConfigMapsAndKeysThatExist(Rendered rendered) {
        for (Workload workload : Workload.all(rendered)) {
            for (JsonNode source : Workload.list(workload.container().path("envFrom"))) {
                assertThat(source.has("secretRef")).as("%s: Secrets are read key by key, not with envFrom",
                        workload.name()).isFalse();
                String name = source.path("configMapRef").path("name").asText();
                assertThat(rendered.find("ConfigMap", name)).as("%s envFrom ConfigMap %s", workload.name(), name)
                        .isPresent();
                assertThat(source.path("configMapRef").path("optional").asBoolean(false)).isFalse();
            }
            for (JsonNode var : Workload.list(workload.container().path("env"))) {
                JsonNode ref = var.at("/valueFrom/configMapKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(rendered.get("ConfigMap", ref.path("name").asText()).path("data")
                            .has(ref.path("key").asText())).as("%s env %s", workload.name(), var.path("name"))
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldMountEveryFileTheConfigurationPointsAt(Rendered rendered) {
        for (Workload workload : Workload.all(rendered)) {
            List<String> files = workload.mountedFiles();
            workload.environment().forEach((name, value) -> {
                Matcher path = MOUNTED_PATH.matcher(value);
                while (path.find()) {
                    assertThat(files).as("%s: %s points at %s", workload.name(), name, path.group()).contains(path.group());
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void shouldKeepPrivateKeysAwayFromServicesThatOnlyVerify(Rendered rendered) {
        var audit = Workload.of(rendered, "audit-service").secretKeyUses();
        var project = Workload.of(rendered, "project-service").secretKeyUses();

        assertThat(audit).noneMatch(u -> u.key().equals("jwt-private.pem"));
        assertThat(project).noneMatch(u -> u.key().equals("checkpoint-private.pem"));
        assertThat(Stream.concat(audit.stream(), project.stream())).noneMatch(u -> u.key().equals("ca.key"));
    }
}
