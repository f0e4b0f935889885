package io.pjctrl.audit.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.pjctrl.audit.testsupport.MonthPartitions;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.Timestamps;

/**
 * Bulk rows for plan and memory tests, inserted by SQL as one correctly hash-chained chain of its own (so a whole-log
 * verification stays valid): realistic spread over event types, resources, actors, projects and a year of time.
 */
public final class LoadedChain {

    static final List<String> EVENT_TYPES = List.of("task.create", "task.update", "task.delete", "task.restore",
            "task.assign", "task.blocker", "project.create", "project.update", "user.login", "user.login_failed");
    static final List<String> SENSITIVITIES = List.of("low", "medium", "high", "critical");
    static final List<String> ACTIONS = List.of("create", "update", "delete", "restore", "login", "logout");

    private LoadedChain() {
    }

    /** Inserts {@code rows} entries as chain {@code chainId}, seq 1..rows, occurred_at in {@code [start, start+1y)}. */
    public static void insert(Connection c, String chainId, int rows, Instant start, long seed) throws SQLException {
        Random random = new Random(seed);
        List<UUID> users = uuids(random, 200);
        List<UUID> projects = uuids(random, 100);
        String prev = Checksums.GENESIS;
        MonthPartitions.cover(c, start, start.plusSeconds(31_536_000L));
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_logs (id, event_id, event_type, source,"
                + " resource_type, resource_id, project_id, user_id, actor_role, action, changes, request_metadata,"
                + " sensitivity_level, aggregate_version, occurred_at, recorded_at, chain_id, seq, prev_checksum, checksum)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                String type = EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size()));
                String resourceType = type.substring(0, type.indexOf('.'));
                Instant occurred = Timestamps.truncate(start.plusSeconds(i * (31_536_000L / rows)));
                AuditEntry entry = new AuditEntry(new UUID(random.nextLong(), random.nextLong()), UUID.randomUUID(), type,
                        "/pjctrl/load", resourceType, "r-" + random.nextInt(2000), projects.get(random.nextInt(100)),
                        users.get(random.nextInt(200)), "member", ACTIONS.get(random.nextInt(ACTIONS.size())),
                        CanonicalJson.parse("{\"status\":{\"old\":\"todo\",\"new\":\"done\"},\"n\":{\"new\":" + i + "}}"),
                        CanonicalJson.parse("{\"ip\":\"10.0.0." + random.nextInt(255) + "\",\"request_id\":null,"
                                + "\"trace_id\":null,\"user_agent\":\"load\"}"),
                        SENSITIVITIES.get(random.nextInt(4)), i, occurred, occurred.plusMillis(5), chainId, i);
                ChainedEntry chained = ChainedEntry.append(prev, entry);
                bind(s, chained);
                s.addBatch();
                prev = chained.checksum();
                if (i % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void bind(PreparedStatement s, ChainedEntry chained) throws SQLException {
        AuditEntry e = chained.entry();
        s.setObject(1, e.id());
        s.setObject(2, e.eventId());
        s.setString(3, e.eventType());
        s.setString(4, e.source());
        s.setString(5, e.resourceType());
        s.setString(6, e.resourceId());
        s.setObject(7, e.projectId(), Types.OTHER);
        s.setObject(8, e.userId(), Types.OTHER);
        s.setString(9, e.actorRole());
        s.setString(10, e.action());
        s.setString(11, e.changes().text());
        s.setString(12, e.requestMetadata().text());
        s.setString(13, e.sensitivityLevel());
        s.setLong(14, e.aggregateVersion());
        s.setTimestamp(15, Timestamp.from(e.occurredAt()));
        s.setTimestamp(16, Timestamp.from(e.recordedAt()));
        s.setString(17, e.chainId());
        s.setLong(18, e.seq());
        s.setString(19, chained.prevChecksum());
        s.setString(20, chained.checksum());
    }

    private static List<UUID> uuids(Random random, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> new UUID(random.nextLong(), random.nextLong())).toList();
    }
}
