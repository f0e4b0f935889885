package io.pjctrl.audit.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pjctrl.audit.testsupport.StoredChains;
import io.pjctrl.audit.testsupport.TestEvent;
import io.pjctrl.audit.testsupport.TestEvents;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.EntryBundle;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeVisitor;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.ProofVerifier;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.testing.InjectInfra;
import io.pjctrl.testing.TestDatabase;
import io.pjctrl.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Ingest builds each chain's Merkle tree in the transaction that stores the entries: the stored tree's root is the
 * RFC 6962 root of the stored entries' leaf data (recomputed here from the rows over JDBC), its tiles serve inclusion
 * proofs for every entry, its entry bundles hold the leaf data, and the database refuses to shrink or rewrite it.
 */
@QuarkusTest
class TransparencyLogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @InjectInfra
    KafkaCompanion kafka;

    @InjectInfra
    TestTopics topics;

    @InjectInfra
    TestDatabase database;

    @Inject
    TlogRepository tlog;

    TestEvents events;

    @BeforeEach
    void setUp() {
        events = new TestEvents(kafka, topics, database);
    }

    @Test
    void shouldBuildEachChainsTreeFromItsEntriesAsTheyAreStored() throws Exception {
        List<TestEvent> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(TestEvent.of("task.update").partition(2));
        }
        events.publishAndAwait(batch);
        String chainId = "events-2";
        List<ChainedEntry> entries = StoredChains.read(database).get(chainId);
        TreeState tree = awaitTree(chainId, entries.size());

        CompactRange expected = CompactRange.empty();
        entries.forEach(e -> expected.appendData(Rfc6962.leafData(e.entry().canonical()), NodeVisitor.NONE));
        assertThat(tree.root()).isEqualTo(expected.root());
        assertThat(entries).allSatisfy(e -> assertThat(e.entry().entryFormat()).isEqualTo(2));

        long size = tree.size();
        for (ChainedEntry entry : entries) {
            long index = entry.seq() - 1;
            ProofNodes nodes = ProofNodes.inclusion(index, size);
            HashReader reader = tlog.hashReader(chainId, size, nodes.ids()).await().atMost(TIMEOUT);
            ProofVerifier.verifyInclusion(index, size, Rfc6962.hashLeaf(entry.entry().leafData()), nodes.read(reader),
                    tree.root());
        }
        List<byte[]> bundle = EntryBundle.parse(tlog.bundle(chainId, 0, 256).await().atMost(TIMEOUT).orElseThrow());
        assertThat(bundle).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat(bundle.get(i)).isEqualTo(entries.get(i).entry().leafData());
        }
        assertThat(tlog.tile(chainId, 0, 0, 256).await().atMost(TIMEOUT)).isPresent();
        long lastTile = size / 256;
        int width = (int) (size % 256);
        if (width > 0) {
            assertThat(tlog.tile(chainId, 0, lastTile, width).await().atMost(TIMEOUT)).isPresent();
            assertThat(tlog.tile(chainId, 0, lastTile, width + 1).await().atMost(TIMEOUT))
                    .as("a partial tile wider than the tree").isEmpty();
        } else {
            assertThat(tlog.tile(chainId, 0, lastTile, 1).await().atMost(TIMEOUT)).isEmpty();
        }
    }

    @Test
    void shouldRefuseToShrinkRewriteOrDeleteATree() throws Exception {
        events.publishAndAwait(TestEvent.of("task.create").partition(3), TestEvent.of("task.update").partition(3));
        awaitTree("events-3", StoredChains.read(database).get("events-3").size());

        assertThatThrownBy(() -> sql("UPDATE audit_tlog_trees SET size = size - 1 WHERE chain_id = 'events-3'"))
                .hasMessageContaining("only grows");
        assertThatThrownBy(() -> sql("UPDATE audit_tlog_tiles SET hashes = overlay(hashes PLACING '\\x00'::bytea FROM 1)"
                + " WHERE chain_id = 'events-3' AND level = 0"))
                .hasMessageContaining("only grows");
        assertThatThrownBy(() -> sql("DELETE FROM audit_tlog_tiles WHERE chain_id = 'events-3'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_tlog_trees WHERE chain_id = 'events-3'"))
                .hasMessageContaining("append-only");
    }

    private TreeState awaitTree(String chainId, long size) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TreeState tree = tlog.tree(chainId).await().atMost(TIMEOUT).orElse(null);
            if (tree != null && tree.size() >= size) {
                assertThat(tree.size()).isEqualTo(size);
                return tree;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tree of " + chainId + " did not reach size " + size + " within " + TIMEOUT);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
