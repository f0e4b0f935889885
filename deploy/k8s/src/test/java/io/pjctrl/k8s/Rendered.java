package io.pjctrl.k8s;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The objects of one rendered kustomization, as JSON trees in kustomize's output order. */
record Rendered(String name, List<JsonNode> objects) {

    /** Every directory a user can {@code kubectl apply -k}: the base and each overlay. */
    static final List<String> TARGETS = List.of("base", "overlays/dev", "overlays/prod");
    /** The standalone witness, applied on its own into its own namespace (not part of base or the overlays). */
    static final String WITNESS = "witness";

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Rendered> all() {
        return TARGETS.stream().map(Rendered::of);
    }

    static Rendered of(String target) {
        return CACHE.computeIfAbsent(target, Rendered::render);
    }

    private static Rendered render(String target) {
        Path dir = Paths.k8s().resolve(target);
        String yaml = Kustomize.build(dir);
        try (var parser = YAML.createParser(yaml)) {
            List<JsonNode> objects = YAML.readValues(parser, JsonNode.class).readAll();
            return new Rendered(target, objects.stream().filter(o -> !o.isNull() && !o.isEmpty()).toList());
        } catch (IOException e) {
            throw new IllegalStateException("kustomize output of " + target + " is not YAML", e);
        }
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("%s renders no %s %s".formatted(this.name, kind, name)));
    }

    @Override
    public String toString() {
        return name;
    }
}
