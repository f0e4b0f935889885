package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.restassured.http.ContentType;

/**
 * The packaged witness (module witness/) and audit-service as separate JVMs: a change made through project-service
 * ends in a format-2 checkpoint that audit-service submits to the witness (C2SP tlog-witness), which the witness
 * cosigns, and whose cosignature audit-service stores and serves.
 */
class WitnessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SystemStack stack;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
    }

    @Test
    void shouldHaveTheWitnessCosignTheCheckpointOfAChangeAndServeTheCosignature() throws Exception {
        String token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        String projectId = given().baseUri(stack.projectService().url())
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Witnessed", "description", "its checkpoint gets cosigned"))
                .post("/api/projects")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String chainId = awaitChainOf(projectId);
        String origin = SystemStack.ORIGIN_PREFIX + "/" + chainId;
        long seq = seqOf(projectId);

        SignedNote held = awaitWitnessed(origin, seq, Duration.ofSeconds(90));

        Checkpoint checkpoint = Checkpoint.parse(held.text());
        VerifierKey witnessKey = VerifierKey.parse(stack.witnessVerifierKey());
        NoteSignature cosignature = held.signaturesBy(witnessKey).get(0);
        assertThat(NoteSigning.verify(witnessKey, held.text(), cosignature)).isPresent();
        String storedRoot = storedRootHash(chainId, checkpoint.size());
        assertThat(storedRoot).as("the witness cosigned the tree root audit-service stored for that size")
                .isEqualTo(HexFormat.of().formatHex(checkpoint.rootHash()));
        assertThat(storedCosignature(chainId, checkpoint.size())).isEqualTo(cosignature.line().stripTrailing());
    }

    /** Polls the witness's monitoring endpoint until it holds a checkpoint of {@code origin} of at least {@code size}. */
    private static SignedNote awaitWitnessed(String origin, long size, Duration timeout) throws Exception {
        URI uri = URI.create(stack.witness().url() + "/" + sha256Hex(origin) + "/checkpoint");
        Instant deadline = Instant.now().plus(timeout);
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                SignedNote note = SignedNote.parse(response.body());
                if (Checkpoint.parse(note.text()).size() >= size) {
                    return note;
                }
            }
            ServiceProcess.sleep(500);
        }
        throw new AssertionError("the witness holds no checkpoint of " + origin + " at size >= " + size + " within "
                + timeout + " (last answer: " + last + "); see " + stack.work());
    }

    private static String awaitChainOf(String resourceId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String chain = single("SELECT chain_id FROM audit_logs WHERE resource_id = ?", resourceId);
            if (chain != null) {
                return chain;
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("no audit entry for " + resourceId + "; see " + stack.work());
    }

    private static long seqOf(String resourceId) throws Exception {
        return Long.parseLong(single("SELECT seq::text FROM audit_logs WHERE resource_id = ?", resourceId));
    }

    private static String storedRootHash(String chainId, long size) throws Exception {
        return single("SELECT root_hash FROM audit_checkpoints WHERE chain_id = ? AND seq = " + size + " AND format = 2",
                chainId);
    }

    private static String storedCosignature(String chainId, long size) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String line = null;
        while (line == null && Instant.now().isBefore(deadline)) {
            line = single("SELECT s.signature_line FROM audit_checkpoint_cosignatures s JOIN audit_checkpoints c"
                    + " ON c.id = s.checkpoint_id WHERE c.chain_id = ? AND c.seq = " + size, chainId);
            if (line == null) {
                ServiceProcess.sleep(250);
            }
        }
        return line;
    }

    private static String single(String sql, String parameter) throws Exception {
        try (Connection c = stack.auditDb().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
