package io.pjctrl.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kustomize: {@code $KUSTOMIZE} if set, else {@code kustomize}, else {@code kubectl kustomize} (kubectl
 * embeds kustomize v5). No re-implementation: what the tests check is exactly what {@code kubectl apply -k} would send.
 */
final class Kustomize {

    private Kustomize() {
    }

    static String build(Path dir) {
        List<String> command = new ArrayList<>(command());
        command.add(dir.toString());
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "%s failed: %s".formatted(String.join(" ", command), Files.readString(err)));
            }
            Files.deleteIfExists(err);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static List<String> command() {
        String explicit = System.getenv("KUSTOMIZE");
        if (explicit != null && !explicit.isBlank()) {
            return List.of(explicit, "build");
        }
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return List.of(kustomize.get().toString(), "build");
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return List.of(kubectl.get().toString(), "kustomize");
        }
        throw new IllegalStateException("Neither kustomize nor kubectl is on the PATH (set KUSTOMIZE to a kustomize"
                + " binary): the manifests cannot be rendered. See deploy/README.md, \"Validation\".");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
