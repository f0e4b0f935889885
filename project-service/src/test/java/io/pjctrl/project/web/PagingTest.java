package io.pjctrl.project.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Lists come in pages: the requested page of the items in creation order, and the total of them all. */
@QuarkusTest
class PagingTest {

    @Test
    void shouldPageAProjectsTasksInCreationOrderWithTheirTotal() {
        TestUser manager = Api.createUser("manager");
        String projectId = Api.createProject(manager, "Paging " + UUID.randomUUID());
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(Api.createTask(manager, projectId, "task " + i));
        }

        manager.as().get("/api/projects/" + projectId + "/tasks?page=1&size=2")
                .then()
                .statusCode(200)
                .body("items.id", contains(tasks.get(2), tasks.get(3)))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("total", equalTo(5));
        manager.as().get("/api/projects/" + projectId + "/tasks?page=2&size=2")
                .then()
                .statusCode(200)
                .body("items.id", contains(tasks.get(4)))
                .body("total", equalTo(5));
    }

    @Test
    void shouldAnswerTheTasksOfAnUnknownProjectWith404() {
        TestUser manager = Api.createUser("manager");
        String unknown = UUID.randomUUID().toString();

        manager.as().get("/api/projects/" + unknown + "/tasks")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:pjctrl:problem:not-found"));
    }

    @Test
    void shouldEndTheProjectsAndUsersListsAfterTheirTotal() {
        TestUser manager = Api.createUser("manager");
        Api.createProject(manager, "Paging " + UUID.randomUUID());

        lastPageEndsAtTotal(manager.token(), "/api/projects");
        lastPageEndsAtTotal(Api.adminToken(), "/api/users");
    }

    /** With one item a page, page total - 1 holds the last item and page total none. */
    private static void lastPageEndsAtTotal(String token, String list) {
        int total = Api.as(token).get(list + "?size=1").then().statusCode(200).body("items", hasSize(1)).extract()
                .path("total");

        Api.as(token).get(list + "?size=1&page=" + (total - 1)).then().statusCode(200).body("items", hasSize(1));
        Api.as(token).get(list + "?size=1&page=" + total)
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("page", equalTo(total))
                .body("total", equalTo(total));
    }
}
