package io.pjctrl.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

class ProblemTest {

    // Both services serialize with snake_case naming; the members must come out as RFC 9457 names them either way.
    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void shouldSerializeTheRfc9457MembersAndTheFieldErrors() throws Exception {
        Problem problem = Problem.invalid("limit", "must be between 1 and 500").at("/api/audit-logs");

        JsonNode body = json.readTree(json.writeValueAsString(problem));

        assertThat(body.path("type").asText()).isEqualTo("urn:pjctrl:problem:invalid-request");
        assertThat(body.path("title").asText()).isEqualTo("Invalid request");
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("detail").asText()).isEqualTo("limit: must be between 1 and 500");
        assertThat(body.path("instance").asText()).isEqualTo("/api/audit-logs");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("limit");
        assertThat(body.path("errors").get(0).path("message").asText()).isEqualTo("must be between 1 and 500");
    }

    @Test
    void shouldLeaveOutAbsentMembers() throws Exception {
        JsonNode body = json.readTree(json.writeValueAsString(Problem.of(ProblemType.NOT_FOUND, "no such alert")));

        assertThat(body.has("errors")).isFalse();
        assertThat(body.has("instance")).isFalse();
        assertThat(body.path("type").asText()).isEqualTo("urn:pjctrl:problem:not-found");
    }

    @Test
    void shouldGiveEveryTypeADistinctUrnAndAnErrorStatus() {
        List<String> uris = Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList();

        assertThat(uris).doesNotHaveDuplicates().allMatch(uri -> uri.matches("urn:pjctrl:problem:[a-z]+(-[a-z]+)*"));
        assertThat(ProblemType.values()).allMatch(type -> type.status() >= 400 && type.status() < 600);
    }

    @Test
    void shouldMapBareStatusesToTheirTypes() {
        assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
        assertThat(ProblemType.forStatus(415)).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ProblemType.forStatus(400)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.INVALID_REQUEST);
        assertThat(ProblemType.forStatus(502)).isEqualTo(ProblemType.INTERNAL_ERROR);
    }
}
