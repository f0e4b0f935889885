package io.pjctrl.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations in the repository; the pom passes the root as system property pjctrl.root. */
final class Paths {

    private Paths() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("pjctrl.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("deploy/k8s/base/kustomization.yaml"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }
}
