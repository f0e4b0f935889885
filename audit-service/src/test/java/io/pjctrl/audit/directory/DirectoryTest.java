package io.pjctrl.audit.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pjctrl.audit.testsupport.SeededEvents;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.pjctrl.web.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Names learned by the real ingest from the events, looked up and searched through the API, and a user's erasure. */
@QuarkusTest
class DirectoryTest {

    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String DANA = UUID.randomUUID().toString();
    static final String ERIN = UUID.randomUUID().toString();
    static final String TASK = UUID.randomUUID().toString();
    static final String PROJECT = UUID.randomUUID().toString();
    static final String ZETA = UUID.randomUUID().toString();
    static final String BLOCKER = UUID.randomUUID().toString();
    static final String STATUS_ONLY = UUID.randomUUID().toString();
    static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    static final SeededEvents EVENTS = new SeededEvents(DirectoryTest::events);

    @InjectInfra
    KafkaCompanion kafka;
    @InjectInfra
    TestTopics topics;
    @InjectInfra
    TestDatabase db;
    @Inject
    DirectoryService directory;

    @BeforeEach
    void publishOnce() {
        EVENTS.publishOnce(kafka, topics, db);
    }

    /** One partition, so one resource's events share a batch; the task's version 2 arrives after its version 3. */
    static List<TestEvent> events() {
        return List.of(
                event("user.create", "user", DANA, "create", 1, 0, "{\"email\":{\"new\":\"dana-" + TAG
                        + "@pjctrl.example\"},\"display_name\":{\"new\":\"Dana " + TAG + "\"},\"role\":{\"new\":\"member\"}}"),
                event("user.permission_change", "user", DANA, "update", 2, 1,
                        "{\"role\":{\"old\":\"member\",\"new\":\"manager\"}}"),
                event("user.create", "user", ERIN, "create", 1, 2, "{\"email\":{\"new\":\"erin-" + TAG
                        + "@pjctrl.example\"},\"display_name\":{\"new\":\"Erin " + TAG + "\"},\"role\":{\"new\":\"member\"}}"),
                event("project.create", "project", PROJECT, "create", 1, 3, "{\"name\":{\"new\":\"Apollo " + TAG
                        + "\"},\"status\":{\"new\":\"active\"}}"),
                event("project.create", "project", ZETA, "create", 1, 3, "{\"name\":{\"new\":\"" + TAG + " Zeta\"}}"),
                event("task.create", "task", TASK, "create", 1, 4, "{\"title\":{\"new\":\"Draft " + TAG + "\"}}"),
                event("task.update", "task", TASK, "update", 3, 6, "{\"title\":{\"old\":\"Fix it " + TAG
                        + "\",\"new\":\"Fix login bug " + TAG + "\"}}"),
                event("task.update", "task", TASK, "update", 2, 5, "{\"title\":{\"old\":\"Draft " + TAG
                        + "\",\"new\":\"Fix it " + TAG + "\"}}"),
                event("task.blocker", "blocker", BLOCKER, "create", 1, 7, "{\"task_id\":{\"new\":\"" + TASK
                        + "\"},\"description\":{\"new\":\"Legal review " + TAG + "\"},\"status\":{\"new\":\"open\"}}"),
                event("task.update", "task", STATUS_ONLY, "update", 1, 8, "{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"),
                // What someone typed at the login form is not a user's address.
                event("user.login_failed", "user", DANA, "login", 0, 9, "{\"email\":{\"new\":\"typo-" + TAG
                        + "@pjctrl.example\"},\"reason\":{\"new\":\"wrong_password\"}}"));
    }

    static TestEvent event(String type, String resourceType, String id, String action, long version, int second,
            String changes) {
        return TestEvent.of(type).resource(resourceType, id).action(action).aggregateVersion(version)
                .occurredAt(T0.plusSeconds(second)).changes(changes).partition(0);
    }

    @Test
    void shouldNameEachResourceAsOfItsLatestEvent() {
        JsonPath found = lookup(DANA + "," + TASK + "," + PROJECT + "," + BLOCKER + "," + STATUS_ONLY + ","
                + UUID.randomUUID());
        assertThat(found.getList("items")).hasSize(4);
        assertThat(entry(found, DANA)).containsEntry("resource_type", "user").containsEntry("name", "Dana " + TAG)
                .containsEntry("email", "dana-" + TAG + "@pjctrl.example").containsEntry("erased", false);
        assertThat(entry(found, TASK)).containsEntry("resource_type", "task").containsEntry("name", "Fix login bug " + TAG)
                .containsEntry("email", null);
        assertThat(entry(found, PROJECT)).containsEntry("name", "Apollo " + TAG);
        assertThat(entry(found, BLOCKER)).containsEntry("resource_type", "blocker").containsEntry("name",
                "Legal review " + TAG);
    }

    @Test
    void shouldKeepTheLatestNameWhateverTheOrderOfTheBatches() {
        // Version 2 again, in a batch of its own after version 3 is stored: the title stays version 3's.
        new TestEvents(kafka, topics, db).publishAndAwait(event("task.update", "task", TASK, "update", 2, 5,
                "{\"title\":{\"old\":\"Draft " + TAG + "\",\"new\":\"Stale " + TAG + "\"}}"));
        assertThat(entry(lookup(TASK), TASK)).containsEntry("name", "Fix login bug " + TAG);
    }

    @Test
    void shouldFindByPartOfTheNameOrTheEmailInAnyCase() {
        JsonPath users = search("q=" + TAG.toUpperCase() + "&kind=user");
        assertThat(users.getList("items.resource_id")).contains(DANA).doesNotContain(PROJECT, TASK);
        assertThat(users.getList("items.resource_type")).containsOnly("user");
        assertThat(search("q=dana-" + TAG).getList("items.resource_id")).containsExactly(DANA);
        assertThat(search("q=login bug " + TAG + "&kind=task").getList("items.name")).containsExactly("Fix login bug " + TAG);
        assertThat(search("q=login bug " + TAG + "&kind=project").getList("items")).isEmpty();
        assertThat(search("q=typo-" + TAG).getList("items")).isEmpty();
        assertThat(search("q=" + TAG + "&limit=2").getList("items")).hasSize(2);
    }

    @Test
    void shouldPutNamesThatStartWithTheQueryFirst() {
        // "<tag> Zeta" starts with the tag; "Apollo <tag>", "Dana <tag>" (and the others) only contain it.
        List<String> names = search("q=" + TAG).getList("items.name");
        assertThat(names).hasSizeGreaterThan(3).first().isEqualTo(TAG + " Zeta");
        assertThat(names.subList(1, names.size())).isSorted();
    }

    @Test
    void shouldTakeLikeWildcardsLiterally() {
        assertThat(search("q=%%%").getList("items")).isEmpty();
        assertThat(search("q=___").getList("items")).isEmpty();
    }

    @Test
    void shouldForgetAnErasedUserForGood() {
        directory.forget(UUID.fromString(ERIN)).await().indefinitely();

        JsonPath found = lookup(ERIN);
        assertThat(entry(found, ERIN)).containsEntry("name", null).containsEntry("email", null)
                .containsEntry("erased", true);
        assertThat(search("q=erin-" + TAG).getList("items")).isEmpty();
        // An event still in flight when she was erased does not bring the name back.
        new TestEvents(kafka, topics, db).publishAndAwait(event("user.permission_change", "user", ERIN, "update", 2, 20,
                "{\"role\":{\"old\":\"member\",\"new\":\"admin\"},\"display_name\":{\"old\":\"Erin " + TAG
                        + "\",\"new\":\"Erin R " + TAG + "\"}}"));
        assertThat(entry(lookup(ERIN), ERIN)).containsEntry("name", null).containsEntry("erased", true);
        assertThat(entry(lookup(DANA), DANA)).containsEntry("name", "Dana " + TAG);
    }

    @Test
    void shouldForgetAUserTheDirectoryNeverNamed() {
        UUID unknown = UUID.randomUUID();
        directory.forget(unknown).await().indefinitely();
        directory.forget(unknown).await().indefinitely();
        new TestEvents(kafka, topics, db).publishAndAwait(event("user.create", "user", unknown.toString(), "create", 1, 30,
                "{\"email\":{\"new\":\"late-" + TAG + "@pjctrl.example\"},\"display_name\":{\"new\":\"Late\"}}"));
        assertThat(entry(lookup(unknown.toString()), unknown.toString())).containsEntry("email", null)
                .containsEntry("erased", true);
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/directory|ids",
            "/api/directory?ids=,|ids",
            "/api/directory?ids=x|ids@long",
            "/api/directory?id=abc|id",
            "/api/directory/search|q",
            "/api/directory/search?q=ab|q",
            "/api/directory/search?q=dana&kind=robot|kind",
            "/api/directory/search?q=dana&limit=0|limit",
            "/api/directory/search?q=dana&limit=51|limit",
            "/api/directory/search?q=dana&sort=name|sort"})
    void shouldRejectBadInputWithAProblem(String path, String field) {
        String url = field.equals("ids@long") ? "/api/directory?ids=" + "x".repeat(65) : path;
        String expectedField = field.equals("ids@long") ? "ids" : field;
        var response = given().auth().oauth2(ApiTokens.forRole("auditor")).get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(400);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:pjctrl:problem:invalid-request");
        assertThat(response.jsonPath().getList("errors.field")).containsExactly(expectedField);
    }

    @Test
    void shouldRejectMoreThanAHundredIds() {
        List<String> ids = Stream.generate(() -> UUID.randomUUID().toString()).limit(101).toList();
        given().auth().oauth2(ApiTokens.forRole("admin")).get("/api/directory?ids=" + String.join(",", ids)).then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("ids"));
        given().auth().oauth2(ApiTokens.forRole("admin")).get("/api/directory?ids=" + String.join(",", ids.subList(0, 100)))
                .then().statusCode(200);
    }

    private static JsonPath lookup(String ids) {
        return given().auth().oauth2(ApiTokens.forRole("auditor")).get("/api/directory?ids=" + ids).then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath search(String query) {
        return given().auth().oauth2(ApiTokens.forRole("admin")).get("/api/directory/search?" + query).then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> entry(JsonPath page, String id) {
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(i -> id.equals(i.get("resource_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + id + " in " + items));
    }
}
