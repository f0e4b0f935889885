package io.pjctrl.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import io.pjctrl.contract.tlog.Ed25519;
import io.pjctrl.contract.tlog.VerifierKey;

/** The system-test witness's key, generated per run, and the vkeys the log and the witness are configured with. */
record WitnessKeys(Path privateKeyFile, String vkey) {

    /** A fresh Ed25519 key in a PKCS#8 PEM file, and its cosignature/v1 vkey (type 0x04) named {@code name}. */
    static WitnessKeys generate(Path file, String name) {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return new WitnessKeys(file, VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey(file)).format());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed-note vkey (type 0x01) of the PEM private key in {@code file} under {@code name}. */
    static String noteVerifierKey(String name, Path file) {
        return VerifierKey.of(name, VerifierKey.TYPE_ED25519, publicKey(file)).format();
    }

    private static byte[] publicKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return Ed25519.publicKeyOfSeed(key.getBytes().orElseThrow());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
