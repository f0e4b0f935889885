package io.pjctrl.audit.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.log.AuditLogRepository;
import io.pjctrl.audit.log.AuditLogWriter;
import io.pjctrl.audit.log.StoredEntry;
import io.pjctrl.audit.testsupport.LogRows;
import io.pjctrl.audit.testsupport.MigratedDatabase;
import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.contract.chain.AuditEntry;
import io.pjctrl.contract.chain.CanonicalJson;
import io.pjctrl.contract.chain.ChainHead;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Checksums;
import io.pjctrl.contract.chain.EntrySource;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.privacy.PersonalValues;
import io.pjctrl.testing.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V44 on a database at V43 whose entries hold a user's IP in clear: the chain still verifies, those entries are
 * counted as not erasable and keep their values; an entry stored after it commits the IP, shows it while the key
 * exists and as erased after the key is deleted, and the chain verifies throughout.
 */
class PersonalValuesMigrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String KEK = "FkCaz9eHRykFjS1MNQgoT8xmW02zBsVZvq27Bm5OcGk=";
    private static final UUID USER = UUID.randomUUID();
    private static final String IP = "2001:db8::44:" + USER.toString().substring(0, 4);

    private MigratedDatabase scratch;
    private TestDatabase db;
    private Pool pool;

    @BeforeEach
    void createDatabase() {
        scratch = MigratedDatabase.create();
        db = scratch.db();
        pool = scratch.pool();
    }

    @AfterEach
    void dropDatabase() {
        scratch.close();
    }

    @Test
    void shouldKeepAFilledV43LogValidAndCommitTheValuesOfEntriesStoredAfterIt() throws Exception {
        scratch.migrate("43");
        List<ChainedEntry> before = new ArrayList<>();
        String prev = Checksums.GENESIS;
        try (Connection c = db.connect()) {
            for (long seq = 1; seq <= 5; seq++) {
                ChainedEntry chained = ChainedEntry.append(prev, entry(seq, CanonicalJson.parse(
                        "{\"ip\":\"" + IP + "\",\"request_id\":null,\"trace_id\":null,\"user_agent\":\"old\"}")));
                LogRows.insert(c, chained);
                before.add(chained);
                prev = chained.checksum();
            }
        }

        scratch.migrate(null);

        assertThat(StoredChains.verifyAll(db)).isEmpty();
        PersonalValueRepository repository = new PersonalValueRepository();
        assertThat(repository.counts(pool, USER).await().atMost(TIMEOUT)).containsExactly(0, 5);
        PersonalData personalData = new PersonalData(repository, () -> KEK, pool);
        StoredEntry old = find(before.get(0).entry().id());
        assertThat(personalData.shown(old).await().atMost(TIMEOUT).requestMetadata()).contains(IP);

        // An entry stored after V44: its IP committed, its opening sealed in the same transaction.
        AuditEntry plain = entry(6, CanonicalJson.parse(
                "{\"ip\":\"" + IP + "\",\"request_id\":null,\"trace_id\":null,\"user_agent\":\"new\"}"));
        PersonalValues.Committed committed = PersonalValues.commit(plain.resourceType(), plain.resourceId(),
                plain.userId(), plain.changes(), plain.requestMetadata());
        AuditEntry entry = new AuditEntry(plain.id(), plain.eventId(), plain.eventType(), plain.source(),
                plain.resourceType(), plain.resourceId(), plain.projectId(), plain.userId(), plain.actorRole(),
                plain.action(), committed.changes(), committed.requestMetadata(), plain.sensitivityLevel(),
                plain.aggregateVersion(), plain.occurredAt(), plain.recordedAt(), plain.chainId(), plain.seq(),
                plain.entrySource());
        ChainedEntry chained = ChainedEntry.append(before.get(4).checksum(), entry);
        AuditLogWriter writer = new AuditLogWriter();
        ChainHead head = writer.heads(pool, new String[]{"events-0"}).await().atMost(TIMEOUT).get("events-0");
        assertThat(head.checksum()).isEqualTo(before.get(4).checksum());
        pool.withTransaction(c -> writer.insert(c, List.of(chained))
                .chain(() -> personalData.store(c, committed.openings().stream()
                        .map(o -> new EntryOpening(entry.id(), o)).toList())))
                .await().atMost(TIMEOUT);

        assertThat(StoredChains.verifyAll(db)).isEmpty();
        assertThat(find(entry.id()).requestMetadata()).doesNotContain(IP).contains("$commit");
        assertThat(personalData.shown(find(entry.id())).await().atMost(TIMEOUT).requestMetadata()).contains(IP, "new");
        assertThat(repository.counts(pool, USER).await().atMost(TIMEOUT)).containsExactly(1, 5);

        pool.withTransaction(c -> repository.deleteKey(c, USER)).await().atMost(TIMEOUT);

        StoredEntry shown = personalData.shown(find(entry.id())).await().atMost(TIMEOUT);
        assertThat(shown.requestMetadata()).doesNotContain(IP, "new").contains("\"$erased\":true");
        assertThat(single("SELECT count(*) FROM audit_personal_values")).isEqualTo("0");
        assertThat(StoredChains.verifyAll(db)).isEmpty();
    }

    private AuditEntry entry(long seq, CanonicalJson metadata) {
        Instant now = Timestamps.truncate(Instant.now());
        return new AuditEntry(UUID.randomUUID(), UUID.randomUUID(), "task.update", "/pjctrl/project-service", "task",
                "t-" + seq, null, USER, "member", "update",
                CanonicalJson.parse("{\"status\":{\"old\":\"todo\",\"new\":\"done\"}}"), metadata, "low", 0, now, now,
                "events-0", seq, new EntrySource(0, 100 + seq));
    }

    private StoredEntry find(UUID id) {
        return new AuditLogRepository(pool, null).findById(id).await().atMost(TIMEOUT);
    }

    private String single(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

}
