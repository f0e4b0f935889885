package io.pjctrl.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.MonthPartitions;
import io.pjctrl.audit.web.ApiTokens;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An export of one million rows keeps the service's heap flat: measured in the service's own JVM (a @QuarkusTest
 * runs in the test JVM) as heap used after GC, sampled while the client reads the stream slowly enough for
 * back-pressure to matter. The rows are bulk-inserted by SQL as a chain of their own and removed afterwards (they are
 * not hash-chained, so they must not outlive the test).
 */
@QuarkusTest
class ExportMemoryTest {

    static final int ROWS = 1_000_000;
    static final long MAX_HEAP_GROWTH = 64L * 1024 * 1024;

    @InjectInfra
    TestDatabase db;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void shouldExportAMillionRowsWithAFlatHeap() throws Exception {
        UUID project = UUID.randomUUID();
        String chain = "export-load-" + project.toString().substring(0, 8);
        insertRows(project, chain);
        try {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long baseline = heapAfterGc(memory);
            long peak = baseline;
            long bytes = 0;
            long lines = 0;
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/api/audit-logs/export?format=csv&project_id=" + project))
                    .header("Authorization", "Bearer " + ApiTokens.forRole("auditor")).build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            byte[] buffer = new byte[64 * 1024];
            long nextSample = 0;
            try (InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0;) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    bytes += n;
                    if (bytes >= nextSample) {
                        peak = Math.max(peak, heapAfterGc(memory));
                        nextSample = bytes + 50L * 1024 * 1024;
                    }
                }
            }
            System.out.printf("export of %d rows: %d MB streamed, heap after GC baseline %d MB, peak %d MB%n", ROWS,
                    bytes >> 20, baseline >> 20, peak >> 20);
            assertThat(lines).isEqualTo(ROWS + 1L);
            assertThat(peak - baseline).as("heap growth while exporting %d MB", bytes >> 20).isLessThan(MAX_HEAP_GROWTH);
        } finally {
            deleteRows(chain);
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void insertRows(UUID project, String chain) throws Exception {
        try (Connection c = db.connect()) {
            MonthPartitions.cover(c, Instant.parse("2018-01-01T00:00:00Z"), Instant.parse("2018-01-01T00:00:00Z")
                    .plusSeconds(ROWS));
        }
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO audit_logs (id, event_id, event_type, source,"
                        + " resource_type, resource_id, project_id, user_id, actor_role, action, changes, request_metadata,"
                        + " sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq, prev_checksum,"
                        + " checksum) SELECT gen_random_uuid(), gen_random_uuid(), 'task.update', '/pjctrl/load', 'task',"
                        + " 'load-' || g, ?, NULL, 'member', 'update', jsonb_build_object('status',"
                        + " jsonb_build_object('old', 'todo', 'new', 'done, \"really\"'), 'n', jsonb_build_object('new', g)),"
                        + " '{\"ip\":\"10.0.0.1\",\"user_agent\":\"load\",\"request_id\":null,\"trace_id\":null}'::jsonb,"
                        + " 'low', 1, timestamptz '2018-01-01' + g * interval '1 second',"
                        + " timestamptz '2018-01-01' + g * interval '1 second', ?, g, repeat('0', 64), repeat('0', 64)"
                        + " FROM generate_series(1, " + ROWS + ") g")) {
            s.setObject(1, project);
            s.setString(2, chain);
            s.executeUpdate();
            try (Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE audit_logs");
            }
        }
    }

    private void deleteRows(String chain) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only");
            s.execute("DELETE FROM audit_logs WHERE chain_id = '" + chain + "'");
            s.execute("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only");
            s.execute("ALTER TABLE audit_log_keys DISABLE TRIGGER audit_log_keys_append_only");
            s.execute("DELETE FROM audit_log_keys WHERE chain_id = '" + chain + "'");
            s.execute("ALTER TABLE audit_log_keys ENABLE TRIGGER audit_log_keys_append_only");
            c.commit();
        }
    }
}
