package io.pjctrl.contract.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class NoteSigningTest {

    private static final JsonNode VECTORS = Vectors.load("notes.json");
    private static final String CHECKPOINT = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void shouldVerifyThePublishedEd25519Notes() {
        for (JsonNode vector : VECTORS.get("ed25519Notes")) {
            VerifierKey key = VerifierKey.parse(vector.get("vkey").asText());
            SignedNote note = SignedNote.parse(vector.get("note").asText());

            assertThat(note.signaturesBy(key)).as(vector.get("desc").asText()).hasSize(1);
            assertThat(NoteSigning.verify(key, note.text(), note.signaturesBy(key).get(0))).isEmpty();
            assertThat(note.format()).isEqualTo(vector.get("note").asText());
        }
    }

    @Test
    void shouldSignExactlyAsGolangSumdbNoteDoes() {
        JsonNode vector = VECTORS.get("ed25519Notes").get(1);
        byte[] seed = seedOf(vector.get("skey").asText());
        VerifierKey key = VerifierKey.parse(vector.get("vkey").asText());
        SignedNote published = SignedNote.parse(vector.get("note").asText());

        assertThat(Ed25519.publicKeyOfSeed(seed)).isEqualTo(key.publicKey());
        NoteSignature signature = NoteSigning.signEd25519("PeterNeumann", Ed25519.privateKey(seed), key.publicKey(),
                published.text());
        assertThat(signature).isEqualTo(published.signatures().get(0));
    }

    @Test
    void shouldRejectANoteWhoseTextChanged() {
        JsonNode vector = VECTORS.get("ed25519Notes").get(0);
        VerifierKey key = VerifierKey.parse(vector.get("vkey").asText());
        SignedNote note = SignedNote.parse(vector.get("note").asText());

        assertThatThrownBy(() -> NoteSigning.verify(key, "This is an example massage.\n", note.signatures().get(0)))
                .isInstanceOfSatisfying(InvalidSignatureException.class,
                        e -> assertThat(e.vkey()).isEqualTo(key.format()))
                .hasMessageContaining("example.com/foo+530d903a");
    }

    @Test
    void shouldParseAndFormatThePublishedVerifierKeys() {
        for (JsonNode vector : VECTORS.get("vkeys")) {
            String vkey = vector.get("vkey").asText();
            if (vector.get("valid").asBoolean()) {
                VerifierKey key = VerifierKey.parse(vkey);
                assertThat(key.type()).as(vector.get("desc").asText()).isEqualTo((byte) vector.get("type").asInt());
                assertThat(key.format()).isEqualTo(vkey);
            } else {
                assertThatThrownBy(() -> VerifierKey.parse(vkey)).as(vector.get("desc").asText())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void shouldComputeTheKeyIdOverNameNewlineTypeAndKey() {
        VerifierKey remora = VerifierKey.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(VerifierKey.keyId("remora.n621.de", VerifierKey.TYPE_COSIGNATURE_V1, remora.publicKey()))
                .isEqualTo(0xda77ade7);
        // the same key as an Ed25519 note key has another ID: type byte is hashed in
        assertThat(VerifierKey.of("remora.n621.de", VerifierKey.TYPE_ED25519, remora.publicKey()).keyId())
                .isNotEqualTo(0xda77ade7);
    }

    @Test
    void shouldReadTheTimestampOfThePublishedCosignature() {
        for (JsonNode vector : VECTORS.get("cosignatureTimestamps")) {
            byte[] bytes = Base64.getDecoder().decode(vector.get("signature").asText());
            NoteSignature signature = new NoteSignature("witness.example", ByteBufferInt.of(bytes),
                    Arrays.copyOfRange(bytes, 4, bytes.length));
            if (vector.get("timestamp").isNull()) {
                assertThatThrownBy(() -> NoteSigning.cosignatureTimestamp(signature))
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(HexFormat.of().toHexDigits(signature.keyId())).isEqualTo(vector.get("keyId").asText());
                assertThat(NoteSigning.cosignatureTimestamp(signature)).isEqualTo(vector.get("timestamp").asLong());
            }
        }
    }

    @Test
    void shouldSignTheCosignatureMessageTheSpecShows() {
        assertThat(new String(NoteSigning.cosignatureMessage(CHECKPOINT, 1679315147), StandardCharsets.UTF_8))
                .isEqualTo("cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                        + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    @Test
    void shouldVerifyACosignatureAndReturnItsTimestamp() {
        byte[] seed = seedOf(VECTORS.get("ed25519Notes").get(1).get("skey").asText());
        PrivateKey key = Ed25519.privateKey(seed);
        byte[] publicKey = Ed25519.publicKeyOfSeed(seed);
        VerifierKey witness = VerifierKey.of("witness.example.com/w1", VerifierKey.TYPE_COSIGNATURE_V1, publicKey);

        NoteSignature cosignature = NoteSigning.cosign("witness.example.com/w1", key, publicKey, CHECKPOINT,
                1679315147);

        assertThat(cosignature.signature()).hasSize(72);
        assertThat(cosignature.keyId()).isEqualTo(witness.keyId());
        assertThat(NoteSigning.verify(witness, CHECKPOINT, cosignature)).isEqualTo(OptionalLong.of(1679315147));
        // Ed25519 is deterministic: the signature is over exactly the cosignature/v1 message
        assertThat(Arrays.copyOfRange(cosignature.signature(), 8, 72))
                .isEqualTo(Ed25519.sign(key, NoteSigning.cosignatureMessage(CHECKPOINT, 1679315147)));
        assertThat(Arrays.copyOfRange(cosignature.signature(), 0, 8))
                .containsExactly(0, 0, 0, 0, 0x64, 0x18, 0x50, (byte) 0xCB);
    }

    @Test
    void shouldRejectACosignatureOverOtherExtensionLinesOrAnotherTime() {
        byte[] seed = seedOf(VECTORS.get("ed25519Notes").get(1).get("skey").asText());
        byte[] publicKey = Ed25519.publicKeyOfSeed(seed);
        VerifierKey witness = VerifierKey.of("w", VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
        NoteSignature cosignature = NoteSigning.cosign("w", Ed25519.privateKey(seed), publicKey,
                CHECKPOINT + "time 1\n", 5);
        byte[] otherTime = cosignature.signature();
        otherTime[7] = 6;

        assertThatThrownBy(() -> NoteSigning.verify(witness, CHECKPOINT + "time 2\n", cosignature))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> NoteSigning.verify(witness, CHECKPOINT + "time 1\n",
                new NoteSignature("w", cosignature.keyId(), otherTime))).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("at time 6");
    }

    @Test
    void shouldNotMistakeACosignatureForTheLogsSignatureBySameKey() {
        byte[] seed = seedOf(VECTORS.get("ed25519Notes").get(1).get("skey").asText());
        byte[] publicKey = Ed25519.publicKeyOfSeed(seed);
        VerifierKey asLog = VerifierKey.of("log", VerifierKey.TYPE_ED25519, publicKey);
        NoteSignature cosignature = NoteSigning.cosign("log", Ed25519.privateKey(seed), publicKey, CHECKPOINT, 1);
        SignedNote note = new SignedNote(CHECKPOINT, java.util.List.of(cosignature));

        assertThat(note.signaturesBy(asLog)).isEmpty();
        assertThatThrownBy(() -> NoteSigning.verify(asLog, CHECKPOINT, cosignature))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("is not by this key");
    }

    /** The seed of a golang.org/x/mod/sumdb/note private key "PRIVATE+KEY+name+id+base64(0x01 || seed)". */
    static byte[] seedOf(String skey) {
        String[] parts = skey.split("\\+", 5);
        byte[] material = Base64.getDecoder().decode(parts[4]);
        assertThat(material[0]).isEqualTo(VerifierKey.TYPE_ED25519);
        return Arrays.copyOfRange(material, 1, material.length);
    }

    private static final class ByteBufferInt {

        static int of(byte[] bytes) {
            return java.nio.ByteBuffer.wrap(bytes).getInt();
        }
    }
}
