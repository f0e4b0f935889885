package io.pjctrl.audit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.chain.Timestamps;
import io.pjctrl.contract.note.Ed25519Keys;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.Rfc6962;
import io.pjctrl.contract.tlog.SignedNote;
import io.pjctrl.contract.tlog.VerifierKey;
import io.pjctrl.testing.TestDatabase;

/**
 * Tree-root (format 2) checkpoints for tests of the public read API and proofs, with an independent reference: the
 * RFC 6962 root is recomputed naively from the stored entries' canonical forms, never read from the service's tree.
 * A test takes the service's own checkpoint when it signs one in time, else signs one here with the test key (the
 * key the service signs with in the test profile) at a size that has no checkpoint yet.
 */
public final class TlogCheckpoints {

    /** {@code %test.pjctrl.checkpoint.key-name} and the default origin prefix. */
    public static final String KEY_NAME = "pjctrl-audit-test";
    public static final String ORIGIN_PREFIX = "pjctrl-audit";
    private static final String PRIVATE_KEY = "pjctrl-test-keys/checkpoint-private.pem";

    /** A format-2 checkpoint row. */
    public record Stored(String chainId, long size, byte[] root, String note) {
    }

    private TlogCheckpoints() {
    }

    /** The log's key as a tlog vkey (type 0x01 under the service's configured key name). */
    public static VerifierKey logKey() {
        return logKey(KEY_NAME);
    }

    /** The test signing key under {@code name} (the configured key name, or the origin as C2SP suggests). */
    public static VerifierKey logKey(String name) {
        return VerifierKey.of(name, VerifierKey.TYPE_ED25519, Ed25519Keys.rawPublicKey(
                Ed25519Keys.derivePublicKey(privateKey())));
    }

    /**
     * Verifies the log's signature on {@code note} with the test signing key, under whichever key name the note's
     * signature line uses; returns that key. Fails when no line is by the test key or its signature does not verify.
     */
    public static VerifierKey verifyLogSignature(SignedNote note) {
        for (NoteSignature line : note.signatures()) {
            VerifierKey key = logKey(line.keyName());
            if (line.isBy(key)) {
                NoteSigning.verify(key, note.text(), line);
                return key;
            }
        }
        throw new AssertionError("no signature line by the test signing key in " + note.signatures());
    }

    /** The chain and seq of a stored event. */
    public static ChainPosition positionOf(TestDatabase db, UUID eventId) {
        return query(db, "SELECT chain_id, seq FROM audit_logs WHERE event_id = '" + eventId + "'",
                rs -> new ChainPosition(rs.getString(1), rs.getLong(2))).get(0);
    }

    public record ChainPosition(String chainId, long seq) {
    }

    /** Waits until the chain's tree holds at least {@code minSize} leaves; returns its size. */
    public static long awaitTreeSize(TestDatabase db, String chainId, long minSize) {
        return await("tree of " + chainId + " reaching " + minSize, () -> {
            List<Long> sizes = query(db, "SELECT size FROM audit_tlog_trees WHERE chain_id = '" + chainId + "'",
                    rs -> rs.getLong(1));
            return sizes.isEmpty() || sizes.get(0) < minSize ? null : sizes.get(0);
        });
    }

    /**
     * The latest format-2 checkpoint of the chain once it has one of at least {@code minSize}: the service's if it
     * signs one within a few seconds, else one signed here over the naive root of the stored entries, at the largest
     * size from {@code minSize} on that has no checkpoint yet. When the service checkpointed every such size, a few
     * filler events are published to the chain's partition to make room.
     */
    public static Stored ensure(TestEvents events, TestDatabase db, String chainId, long minSize) {
        awaitSigningKeyRegistered(db);
        Instant deadline = Instant.now().plusSeconds(4);
        while (Instant.now().isBefore(deadline)) {
            Stored latest = latest(db, chainId);
            if (latest != null && latest.size() >= minSize) {
                return latest;
            }
            sleep(200);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            long treeSize = awaitTreeSize(db, chainId, minSize);
            List<Long> free = query(db, "SELECT s FROM generate_series(" + minSize + ", " + treeSize + ") s"
                    + " WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints c WHERE c.chain_id = '" + chainId
                    + "' AND c.seq = s) ORDER BY s DESC LIMIT 1", rs -> rs.getLong(1));
            if (!free.isEmpty()) {
                sign(db, chainId, free.get(0));
                Stored latest = latest(db, chainId);
                if (latest != null && latest.size() >= minSize) {
                    return latest;
                }
            }
            int partition = Integer.parseInt(chainId.substring(chainId.lastIndexOf('-') + 1));
            List<TestEvent> filler = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                filler.add(TestEvent.of("task.update").resource("task", "filler-" + UUID.randomUUID()).partition(partition));
            }
            events.publishAndAwait(filler);
        }
        throw new AssertionError("could not get a format-2 checkpoint of " + chainId + " covering " + minSize);
    }

    /** Every format-2 checkpoint of the chain, by size. */
    public static List<Stored> all(TestDatabase db, String chainId) {
        return query(db, "SELECT chain_id, seq, root_hash, signed_note FROM audit_checkpoints WHERE format = 2"
                + " AND chain_id = '" + chainId + "' ORDER BY seq", TlogCheckpoints::stored);
    }

    public static Stored latest(TestDatabase db, String chainId) {
        List<Stored> all = all(db, chainId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Signs and stores the checkpoint of the first {@code size} entries, as the service would (no cosignatures). */
    public static void sign(TestDatabase db, String chainId, long size) {
        List<ChainedEntry> entries = StoredChains.read(db).get(chainId).subList(0, (int) size);
        byte[] root = referenceRoot(entries);
        String origin = ORIGIN_PREFIX + "/" + chainId;
        Instant now = Timestamps.truncate(Instant.now());
        String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\ntime "
                + Timestamps.format(now) + "\n";
        VerifierKey key = logKey();
        String note = new SignedNote(text, List.of(NoteSigning.signEd25519(KEY_NAME, privateKey(), key.publicKey(),
                text))).format();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoints (id, chain_id, seq, head_checksum,"
                        + " origin, key_id, signed_note, created_at, format, root_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2, ?) ON CONFLICT (chain_id, seq) DO NOTHING")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, chainId);
            s.setLong(3, size);
            s.setString(4, entries.get(entries.size() - 1).checksum());
            s.setString(5, origin);
            s.setString(6, KEY_NAME + "+" + String.format("%08x", key.keyId()));
            s.setString(7, note);
            s.setObject(8, now.atOffset(ZoneOffset.UTC));
            s.setString(9, HexFormat.of().formatHex(root));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6962 MTH over the leaves SHA-256(canonical form), computed the textbook way (split at the largest power of 2). */
    public static byte[] referenceRoot(List<ChainedEntry> entries) {
        List<byte[]> leaves = new ArrayList<>(entries.size());
        entries.forEach(e -> leaves.add(Rfc6962.entryLeafHash(e.entry().canonical())));
        return mth(leaves);
    }

    private static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return Rfc6962.hashChildren(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    private static void awaitSigningKeyRegistered(TestDatabase db) {
        await("the checkpoint signing key in audit_signing_keys", () -> query(db,
                "SELECT 1 FROM audit_signing_keys WHERE key_id LIKE '" + KEY_NAME + "+%'", rs -> 1).isEmpty() ? null : 1);
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getLong(2), HexFormat.of().parseHex(rs.getString(3).trim()),
                rs.getString(4));
    }

    private static PrivateKey privateKey() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PRIVATE_KEY)) {
            return Ed25519Keys.privateKeyFromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {

        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(TestDatabase db, String sql, RowMapper<T> mapper) {
        List<T> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static <T> T await(String what, java.util.function.Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
