package io.pjctrl.witness;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * Everything a witness operator configures. Nothing here has a usable default on purpose: a witness without its own
 * name, key and the list of logs it vouches for must not start.
 */
@ConfigMapping(prefix = "pjctrl.witness")
public interface WitnessConfig {

    /**
     * The witness's key name, the name in its vkey and in every cosignature line (e.g.
     * {@code witness.example.org/w1}). Choose it once: clients trust the name together with the key.
     */
    String name();

    /**
     * PEM file (PKCS#8, {@code openssl genpkey -algorithm ed25519}) of the witness's Ed25519 private key. Mount it
     * from a secret; it is read once at start-up and never logged.
     */
    String privateKeyFile();

    /** The logs this witness cosigns for; a checkpoint of any other origin is answered 404. */
    List<Log> logs();

    /** One witnessed log. */
    interface Log {

        /** The log's origin line, exactly as its checkpoints carry it (e.g. {@code audit.pjctrl.example/events-0}). */
        String origin();

        /**
         * The log's signed-note verifier keys ({@code <name>+<hex key ID>+<base64 0x01 || public key>}), obtained from
         * the log's operator out of band. More than one during a key rotation; any one valid signature suffices.
         */
        List<String> verifierKeys();
    }
}
