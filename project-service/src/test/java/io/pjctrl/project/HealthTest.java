package io.pjctrl.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void shouldBeReadyWithDatabaseCheck() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void shouldReportKafkaInOverallHealthButNotInReadiness() {
        given().when()
                .get("/q/health")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
        given().when()
                .get("/q/health/ready")
                .then()
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("kafka")));
    }
}
