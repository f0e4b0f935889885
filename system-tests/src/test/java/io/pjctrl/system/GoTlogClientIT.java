package io.pjctrl.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pjctrl.contract.chain.AuditEntryJson;
import io.pjctrl.contract.privacy.Openings;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.testing.Prerequisites;
import io.restassured.http.ContentType;

/**
 * audit-service's public transparency-log API read by a client that is not ours: {@code src/test/go/tlogclient},
 * built on Go's golang.org/x/mod/sumdb/note and sumdb/tlog (the reference signed-note and RFC 6962 tile code that
 * C2SP grew from, Debian's golang-golang-x-mod-dev). It verifies a chain's checkpoint with the log's vkey held out of
 * band, authenticates every tile it reads against the signed root, checks every entry bundle and inclusion proof, the
 * service's consistency proof and the tlog-proof of an entry whose leaf data this test computes from its export.
 */
class GoTlogClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GO_X_MOD = Path.of("/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog");
    private static SystemStack stack;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.shared();
    }

    @Test
    void shouldHaveGosReferenceTlogCodeVerifyAChainThroughThePublicApi() throws Exception {
        // Skipped without them on a developer's machine; on CI (CI=true) their absence fails the test.
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/go")) && Files.isDirectory(GO_X_MOD),
                "Debian's golang-go and golang-golang-x-mod-dev are not installed (deploy/local/test.sh installs them as root)");
        Path client = buildClient();

        String token = Api.login(stack, SystemStack.ADMIN_EMAIL, SystemStack.ADMIN_PASSWORD);
        String projectId = given().baseUri(stack.projectService().url()).auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Seen from Go", "description", "checked by golang.org/x/mod/sumdb/tlog"))
                .post("/api/projects")
                .then().statusCode(201).extract().path("id");
        String[] entry = awaitEntry(projectId);
        String id = entry[0];
        String chain = entry[1];
        long seq = Long.parseLong(entry[2]);
        long size = awaitCheckpointCovering(chain, seq);

        String proof = given().baseUri(stack.auditService().url()).auth().oauth2(token)
                .get("/api/audit-logs/" + id + "/proof")
                .then().statusCode(200).extract().asString();
        Path proofFile = stack.work().resolve("go-tlog-proof.txt");
        Files.writeString(proofFile, proof);
        String leaf = HexFormat.of().formatHex(leafDataOf(token, projectId, id));

        List<String> args = List.of("-base", stack.auditService().url(), "-chain", chain,
                "-vkey", stack.logVerifierKey(), "-old-size", Long.toString(Math.max(1, size / 2)),
                "-proof", proofFile.toString(), "-leaf", leaf);
        Run ok = run(client, args);
        assertThat(ok.exit()).as("tlogclient: %s", ok.output()).isZero();
        assertThat(ok.output()).contains("signature of " + SystemStack.LOG_KEY_NAME + " verifies")
                .contains("TreeHash = the checkpoint's root")
                .contains("each proved included")
                .contains("the service's proof of")
                .contains("tlog-proof: entry " + (seq - 1) + " is in the signed tree")
                .contains("OK all checks hold");

        // The same client refuses what it should: another entry's leaf data for this proof, and a vkey of another key.
        char flipped = leaf.charAt(0) == '0' ? '1' : '0';
        List<String> wrongLeaf = new ArrayList<>(args);
        wrongLeaf.set(wrongLeaf.size() - 1, flipped + leaf.substring(1));
        Run refused = run(client, wrongLeaf);
        assertThat(refused.exit()).as("tlogclient with a wrong leaf: %s", refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("FAIL tlog-proof of entry " + (seq - 1));

        List<String> wrongKey = new ArrayList<>(args);
        wrongKey.set(wrongKey.indexOf(stack.logVerifierKey()), stack.witnessVerifierKey());
        Run untrusted = run(client, wrongKey);
        assertThat(untrusted.exit()).as("tlogclient with the witness's vkey: %s", untrusted.output()).isEqualTo(1);
        assertThat(untrusted.output()).contains("FAIL");
    }

    /** {@code go build} of the client in GOPATH mode against Debian's golang.org/x/mod, offline. */
    private static Path buildClient() throws Exception {
        Path target = stack.root().resolve("system-tests/target");
        Path binary = target.resolve("tlogclient");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
                .directory(stack.root().resolve("system-tests/src/test/go/tlogclient").toFile())
                .redirectErrorStream(true);
        build.environment().putAll(Map.of("GO111MODULE", "off", "GOPATH", "/usr/share/gocode", "GOFLAGS", "",
                "GOCACHE", target.resolve("gocache").toString(), "GOPROXY", "off"));
        Run built = await(build.start());
        assertThat(built.exit()).as("go build: %s", built.output()).isZero();
        return binary;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path client, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(client.toString());
        command.addAll(args);
        return await(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static Run await(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + process.info().commandLine().orElse("?"));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** id, chain_id and seq of the resource's entry, once ingested. */
    private static String[] awaitEntry(String resourceId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = stack.auditDb().connect();
                    PreparedStatement s = c.prepareStatement(
                            "SELECT id::text, chain_id, seq::text FROM audit_logs WHERE resource_id = ?")) {
                s.setString(1, resourceId);
                try (ResultSet row = s.executeQuery()) {
                    if (row.next()) {
                        return new String[]{row.getString(1), row.getString(2), row.getString(3)};
                    }
                }
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("no audit entry for " + resourceId + "; see " + stack.work());
    }

    /** Polls the public checkpoint of {@code chain} until it covers {@code seq}; returns its size. */
    private static long awaitCheckpointCovering(String chain, long seq) {
        Instant deadline = Instant.now().plusSeconds(90);
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            var response = given().baseUri(stack.auditService().url()).get("/tlog/" + chain + "/checkpoint");
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200) {
                long size = Checkpoint.parse(SignedNote.parse(response.asByteArray()).text()).size();
                if (size >= seq) {
                    return size;
                }
            }
            ServiceProcess.sleep(500);
        }
        throw new AssertionError("no checkpoint of " + chain + " covers seq " + seq + " (last: " + last + ")");
    }

    /** The entry's leaf data, computed here from its NDJSON export with the contract's canonical form (openings folded). */
    private static byte[] leafDataOf(String token, String resourceId, String id) throws Exception {
        String ndjson = given().baseUri(stack.auditService().url()).auth().oauth2(token)
                .queryParam("format", "ndjson").queryParam("resource_id", resourceId)
                .get("/api/audit-logs/export")
                .then().statusCode(200).extract().asString();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank() && JSON.readTree(line).path("id").asText().equals(id)) {
                // Openings of personal values are hashed as the commitments they open (integrity.md §18).
                com.fasterxml.jackson.databind.node.ObjectNode entry = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                        .readTree(line);
                entry.set("changes", Openings.fold(entry.get("changes")));
                entry.set("request_metadata", Openings.fold(entry.get("request_metadata")));
                return AuditEntryJson.fromJson(entry).leafData();
            }
        }
        throw new AssertionError("entry " + id + " not in its export: " + ndjson);
    }
}
