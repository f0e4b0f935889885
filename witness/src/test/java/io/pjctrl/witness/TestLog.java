package io.pjctrl.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pjctrl.contract.tlog.AddCheckpointRequest;
import io.pjctrl.contract.tlog.Checkpoint;
import io.pjctrl.contract.tlog.CompactRange;
import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.HashReader;
import io.pjctrl.contract.tlog.NodeId;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.ProofNodes;
import io.pjctrl.contract.tlog.SignedNote;

/**
 * A log made in the test with the contract library: leaves derived from a seed, every complete node kept in memory,
 * checkpoints signed with a test key, consistency proofs built from its nodes.
 */
final class TestLog {

    static final Path KEYS = Path.of("src/test/resources/witness-test-keys");

    final String origin;
    private final String keyFile;
    private final String seed;
    private final Map<NodeId, byte[]> nodes = new HashMap<>();
    private final CompactRange range = CompactRange.empty();

    private TestLog(String origin, String keyFile, String seed) {
        this.origin = origin;
        this.keyFile = keyFile;
        this.seed = seed;
    }

    /** The test log {@code log.test.pjctrl/events-<n>}, signed with the key the witness trusts for it. */
    static TestLog events(int n) {
        return new TestLog("log.test.pjctrl/events-" + n, "log-private.pem", "main");
    }

    /** A log of the same origin and key whose leaves differ from {@link #events}: a fork of it. */
    TestLog fork() {
        return new TestLog(origin, keyFile, seed + "-fork");
    }

    /** The same log's leaves, signed with another key file. */
    TestLog signedWith(String otherKeyFile) {
        TestLog copy = new TestLog(origin, otherKeyFile, seed);
        copy.growTo(range.size());
        return copy;
    }

    TestLog growTo(long size) {
        while (range.size() < size) {
            byte[] data = sha256(origin + "/" + seed + "/" + range.size());
            range.appendData(data, (level, index, hash) -> nodes.put(new NodeId(level, index), hash.clone()));
        }
        return this;
    }

    byte[] root(long size) {
        return size == 0 ? sha256("") : CompactRange.load(size, reader()).root();
    }

    Checkpoint checkpoint(long size) {
        return Checkpoint.at(origin, size, root(size), java.time.Instant.ofEpochSecond(1_790_000_000L + size));
    }

    /** The checkpoint of {@code size} signed by this log's key under its origin, as a note. */
    String signedNote(long size) {
        String text = checkpoint(size).format();
        return new SignedNote(text, List.of(sign(origin, keyFile, text))).format();
    }

    List<byte[]> proof(long from, long to) {
        return from == 0 ? List.of() : ProofNodes.consistency(from, to).read(reader());
    }

    /** The add-checkpoint body from {@code from} to {@code to}, with the right proof. */
    String body(long from, long to) {
        return new AddCheckpointRequest(from, proof(from, to), signedNote(to)).format();
    }

    HashReader reader() {
        return ids -> {
            byte[][] hashes = new byte[ids.size()][];
            for (int i = 0; i < ids.size(); i++) {
                hashes[i] = nodes.get(ids.get(i));
                if (hashes[i] == null) {
                    throw new IllegalStateException("test log has no node " + ids.get(i));
                }
            }
            return hashes;
        };
    }

    static NoteSignature sign(String name, String keyFile, String text) {
        byte[] seed = seedOf(keyFile);
        return NoteSigning.signEd25519(name, Ed25519.privateKey(seed), Ed25519.publicKeyOfSeed(seed), text);
    }

    static byte[] seedOf(String keyFile) {
        try {
            String pem = Files.readString(KEYS.resolve(keyFile), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "");
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
            return ((EdECPrivateKey) key).getBytes().orElseThrow();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
