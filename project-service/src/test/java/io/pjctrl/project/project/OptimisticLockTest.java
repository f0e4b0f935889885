package io.pjctrl.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Concurrent updates never silently overwrite each other. */
@QuarkusTest
class OptimisticLockTest {

    @Test
    void shouldRejectStaleIfMatchWith409() {
        TestUser manager = Api.createUser("manager");
        String projectId = Api.createProject(manager, "Lock " + UUID.randomUUID());
        manager.as().header("If-Match", "\"1\"").body(Map.of("name", "first")).patch("/api/projects/" + projectId)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));

        manager.as().header("If-Match", "\"1\"").body(Map.of("name", "stale")).patch("/api/projects/" + projectId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:version-conflict"));
        manager.as().get("/api/projects/" + projectId).then().body("name", equalTo("first"));
    }

    @Test
    void shouldRejectStaleBodyVersionWith409() {
        TestUser manager = Api.createUser("manager");
        String projectId = Api.createProject(manager, "Lock " + UUID.randomUUID());
        String taskId = Api.createTask(manager, projectId, "v1");
        manager.as().body(Map.of("title", "v2", "version", 1)).patch("/api/tasks/" + taskId).then().statusCode(200);
        manager.as().body(Map.of("title", "v3", "version", 1))
                .patch("/api/tasks/" + taskId)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:pjctrl:problem:version-conflict"));
        manager.as().body(Map.of("title", "v3", "version", 2)).patch("/api/tasks/" + taskId).then().statusCode(200);
    }

    @Test
    void shouldLetExactlyOneOfConcurrentUpdatesOfOneVersionWin() throws Exception {
        TestUser manager = Api.createUser("manager");
        String projectId = Api.createProject(manager, "Race " + UUID.randomUUID());
        String taskId = Api.createTask(manager, projectId, "race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String title = "writer " + i;
                calls.add(CompletableFuture.supplyAsync(() -> manager.as()
                        .header("If-Match", "1")
                        .body(Map.of("title", title))
                        .patch("/api/tasks/" + taskId)
                        .statusCode(), pool));
            }
            List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        manager.as().get("/api/tasks/" + taskId).then().body("version", equalTo(2));
    }
}
