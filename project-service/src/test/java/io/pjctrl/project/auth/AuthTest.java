package io.pjctrl.project.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.project.support.Api;
import io.pjctrl.project.support.Api.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

@QuarkusTest
class AuthTest {

    @Test
    void shouldIssueTokenWithContractClaims() throws Exception {
        TestUser member = Api.createUser("member");
        var response = given().contentType(ContentType.JSON)
                .body(Map.of("email", member.email().toUpperCase(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract();
        String token = response.path("access_token");
        JsonNode claims = new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        JsonNode header = new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("pjctrl-project-service");
        assertThat(claims.path("sub").asText()).isEqualTo(member.id());
        assertThat(claims.path("upn").asText()).isEqualTo(member.email());
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("member");
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void shouldLetTheBootstrapAdminLogIn() {
        String token = Api.login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        Api.as(token).get("/api/users").then().statusCode(200).body("items.email",
                org.hamcrest.Matchers.hasItem(Api.ADMIN_EMAIL));
    }

    @Test
    void shouldRejectWrongPasswordWithProblem() {
        TestUser member = Api.createUser("member");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", member.email(), "password", "wrong-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:invalid-credentials"))
                .body("status", equalTo(401))
                .body("detail", equalTo("invalid email or password"));
    }

    @Test
    void shouldAnswerUnknownEmailExactlyLikeWrongPassword() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "ghost-" + UUID.randomUUID() + "@pjctrl.test", "password", "wrong-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:pjctrl:problem:invalid-credentials"))
                .body("detail", equalTo("invalid email or password"));
    }

    @Test
    void shouldRevokeTokenOnLogout() {
        TestUser member = Api.createUser("member");
        String token = Api.login(member.email(), member.password());
        Api.as(token).get("/api/projects").then().statusCode(200);

        Api.as(token).post("/api/auth/logout").then().statusCode(204);

        Api.as(token).get("/api/projects")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:unauthenticated"));
        Api.as(token).post("/api/auth/logout").then().statusCode(401);
        // Other tokens of the same user stay valid: logout revokes one token, not the user.
        Api.as(member.token()).get("/api/projects").then().statusCode(200);
    }

    @Test
    void shouldAnswerAnonymousWith401Problem() {
        given().get("/api/projects")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:pjctrl:problem:unauthenticated"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x"))
                .post("/api/projects")
                .then()
                .statusCode(401);
        given().post("/api/auth/logout").then().statusCode(401);
    }

    @Test
    void shouldRejectTokenSignedWithAnotherKey() throws Exception {
        TestUser admin = Api.createUser("admin");
        String forged = Jwt.issuer("pjctrl-project-service")
                .subject(admin.id())
                .upn(admin.email())
                .groups(Set.of("admin"))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(600)
                .sign(KeyUtils.readPrivateKey("pjctrl-test-keys/other-jwt-private.pem"));
        Api.as(forged).get("/api/users")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.as("not-a-jwt").get("/api/users").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWrongRoleWith403Problem() {
        TestUser manager = Api.createUser("manager");
        TestUser member = Api.createUser("member");
        TestUser auditor = Api.createUser("auditor");
        String projectId = Api.createProject(manager, "Roles " + UUID.randomUUID());

        member.as().delete("/api/projects/" + projectId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pjctrl:problem:forbidden"));
        manager.as().delete("/api/projects/" + projectId).then().statusCode(403);
        member.as().body(Map.of("name", "nope")).post("/api/projects").then().statusCode(403);
        auditor.as().get("/api/projects").then().statusCode(403);
        manager.as().get("/api/users").then().statusCode(403);
        manager.as().body(Map.of("role", "admin"))
                .put("/api/users/" + member.id() + "/role")
                .then()
                .statusCode(403);
        // ... and the permitted roles pass.
        member.as().get("/api/projects/" + projectId).then().statusCode(200).body("id", notNullValue());
    }
}
