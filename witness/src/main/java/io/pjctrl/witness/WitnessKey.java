package io.pjctrl.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jakarta.inject.Singleton;

import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.NoteSignature;
import io.pjctrl.contract.tlog.NoteSigning;
import io.pjctrl.contract.tlog.VerifierKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/** The witness's own Ed25519 key: it signs tlog-cosignature/v1 lines and publishes its vkey (type 0x04). */
@Startup
@Singleton
public class WitnessKey {

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final VerifierKey vkey;

    public WitnessKey(WitnessConfig config) {
        byte[] seed = seedFromPem(config.privateKeyFile());
        this.name = config.name();
        this.privateKey = Ed25519.privateKey(seed);
        this.publicKey = Ed25519.publicKeyOfSeed(seed);
        this.vkey = VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
        Log.infof("Witness key %s", vkey.format());
    }

    /** The verifier key clients configure to check this witness's cosignatures. */
    public VerifierKey vkey() {
        return vkey;
    }

    /** A cosignature/v1 line over the checkpoint note text at {@code timestamp} (POSIX seconds, never 0). */
    public NoteSignature cosign(String checkpointText, long timestamp) {
        return NoteSigning.cosign(name, privateKey, publicKey, checkpointText, timestamp);
    }

    private static byte[] seedFromPem(String file) {
        String pem;
        try {
            pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the witness private key file " + file + ": " + e, e);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " is not a PEM 'PRIVATE KEY' (PKCS#8) file");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
            EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return key.getBytes().orElseThrow(() -> new IllegalStateException(file + " holds no extractable seed"));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The message names the file and the cause only, never key material.
            throw new IllegalStateException(file + " is not an Ed25519 PKCS#8 private key", e);
        }
    }
}
