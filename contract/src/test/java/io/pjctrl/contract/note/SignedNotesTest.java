package io.pjctrl.contract.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pjctrl.contract.chain.Vectors;

class SignedNotesTest {

    private static final Checkpoint CHECKPOINT = new Checkpoint("pjctrl-audit/events-1", 42, "ab".repeat(32),
            Instant.parse("2026-11-28T10:00:00.123456Z"));

    private final NoteSigner signer = NoteSigner.fromPem("pjctrl-audit-test",
            Vectors.resource("pjctrl-test-keys/checkpoint-private.pem"));

    @Test
    void shouldDeriveThePublicKeyOfThePrivateKey() {
        assertThat(Ed25519Keys
                .rawPublicKey(Ed25519Keys.publicKeyFromPem(Vectors.resource("pjctrl-test-keys/checkpoint-public.pem"))))
                .isEqualTo(signer.verifierKey().publicKey());
    }

    @Test
    void shouldRoundTrip() {
        NoteVerification result = SignedNotes.verify(signer.sign(CHECKPOINT), List.of(signer.verifierKey()));

        assertThat(result).isEqualTo(new NoteVerification.Verified(CHECKPOINT, signer.keyId()));
    }

    @Test
    void shouldRejectAlteredBodyAsBadSignature() {
        String note = signer.sign(CHECKPOINT).replace("\n42\n", "\n41\n");

        assertThat(SignedNotes.verify(note, List.of(signer.verifierKey())))
                .isInstanceOfSatisfying(NoteVerification.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(NoteVerification.Reason.BAD_SIGNATURE));
    }

    @Test
    void shouldRejectNoteSignedByAnotherKeyAsUnknownKey() throws NoSuchAlgorithmException {
        PrivateKey other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        String note = new NoteSigner("pjctrl-audit-test", other).sign(CHECKPOINT);

        assertThat(SignedNotes.verify(note, List.of(signer.verifierKey())))
                .isInstanceOfSatisfying(NoteVerification.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(NoteVerification.Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldAcceptAnyOfSeveralKeysForRotation() throws NoSuchAlgorithmException {
        NoteSigner next = new NoteSigner("pjctrl-audit-test",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());

        NoteVerification result = SignedNotes.verify(next.sign(CHECKPOINT), List.of(signer.verifierKey(), next.verifierKey()));

        assertThat(result).isEqualTo(new NoteVerification.Verified(CHECKPOINT, next.keyId()));
        assertThat(next.keyId()).isNotEqualTo(signer.keyId());
    }

    @Test
    void shouldParseVerifierKeysWhoseBase64ContainsPlus() {
        String encoded = "pjctrl-audit-retired+b13e79a1+ARsC0isMplzCmbyIwHY0vmRpGbs+F5mXmLgnt7LVpC+S";

        VerifierKey key = VerifierKey.parse(encoded);

        assertThat(key.keyId()).isEqualTo("pjctrl-audit-retired+b13e79a1");
        assertThat(key.encoded()).isEqualTo(encoded);
    }

    @Test
    void shouldRefuseVerifierKeysThatAreNotEd25519NoteKeys() {
        byte[] raw = VerifierKey.parse("pjctrl-audit-retired+b13e79a1+ARsC0isMplzCmbyIwHY0vmRpGbs+F5mXmLgnt7LVpC+S")
                .publicKey();
        List<String> refused = List.of(
                "pjctrl-audit-retired+b13e79a2+ARsC0isMplzCmbyIwHY0vmRpGbs+F5mXmLgnt7LVpC+S", // hash of another key
                "pjctrl-audit-retired+B13E79A1+ARsC0isMplzCmbyIwHY0vmRpGbs+F5mXmLgnt7LVpC+S", // hash not lowercase
                io.pjctrl.contract.tlog.VerifierKey.of("witness", io.pjctrl.contract.tlog.VerifierKey.TYPE_COSIGNATURE_V1,
                        raw).format(), // a cosignature key
                io.pjctrl.contract.tlog.VerifierKey.of("zeug\u00e9", io.pjctrl.contract.tlog.VerifierKey.TYPE_ED25519, raw)
                        .format(), // a name that is not printable ASCII
                "pjctrl-audit-retired+b13e79a1", // no key
                "pjctrl-audit-retired+b13e79a1+not*base64");

        for (String encoded : refused) {
            assertThatThrownBy(() -> VerifierKey.parse(encoded)).as(encoded).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRejectGarbageAsMalformed() {
        assertThat(SignedNotes.verify("hello\n", List.of(signer.verifierKey())))
                .isInstanceOfSatisfying(NoteVerification.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(NoteVerification.Reason.MALFORMED));
        assertThat(SignedNotes.verify("o\nx\nAA==\ntime 1\n\n— k AAAA\n", List.of(signer.verifierKey())))
                .isInstanceOfSatisfying(NoteVerification.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo(NoteVerification.Reason.MALFORMED));
    }
}
