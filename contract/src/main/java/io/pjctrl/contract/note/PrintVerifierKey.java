package io.pjctrl.contract.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the C2SP verifier key ({@code <name>+<key hash>+<base64(0x01 || public key)>}) of a checkpoint private key,
 * so an operator can publish the trust anchor out of band from the key file alone (docs/integrity.md §5):
 *
 * <pre>
 * java -cp contract/target/classes io.pjctrl.contract.note.PrintVerifierKey &lt;key name&gt; checkpoint-private.pem
 * </pre>
 *
 * The key name must be audit-service's {@code pjctrl.checkpoint.key-name}: it enters the key hash.
 */
public final class PrintVerifierKey {

    private PrintVerifierKey() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PrintVerifierKey <key name> <Ed25519 private key PEM file>");
            System.exit(2);
        }
        System.out.println(verifierKey(args[0], Files.readString(Path.of(args[1]), StandardCharsets.US_ASCII)));
    }

    /** The verifier key of {@code privateKeyPem} under {@code keyName}. */
    public static String verifierKey(String keyName, String privateKeyPem) {
        return NoteSigner.fromPem(keyName, privateKeyPem).verifierKey().encoded();
    }
}
