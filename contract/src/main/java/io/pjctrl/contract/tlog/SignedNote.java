package io.pjctrl.contract.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of a C2SP signed note: text ending in a newline, a blank line, then one or more signature lines. Only
 * the framing that checkpoints, cosignatures and tlog-proofs need; it verifies nothing by itself.
 *
 * <p>
 * Kept self-contained in {@code tlog} on purpose: issue #14 moves the service's signed-note code into
 * {@code io.pjctrl.contract.note}; once it lands, this class and that package should become one.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** Em dash (U+2014) and a space: the start of every signature line. */
    public static final String SIGNATURE_PREFIX = "\u2014 ";
    /** Signature lines beyond this are refused (the spec asks verifiers to accept at least 16). */
    public static final int MAX_SIGNATURES = 100;

    public SignedNote {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end in a newline");
        }
        requireNoControl(text);
        signatures = List.copyOf(signatures);
    }

    /** The whole note: text, blank line, signature lines. */
    public String format() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(signature -> note.append(signature.line()));
        return note.toString();
    }

    /** This note with {@code signature} appended (e.g. a witness's cosignature). */
    public SignedNote with(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    /** The signature lines by {@code key} (same name and key ID). */
    public List<NoteSignature> signaturesBy(VerifierKey key) {
        return signatures.stream().filter(signature -> signature.isBy(key)).toList();
    }

    /** Parses a note received as bytes, refusing bytes that are not valid UTF-8 (signed-note requires it). */
    public static SignedNote parse(byte[] note) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("signed note is not valid UTF-8");
        }
    }

    /**
     * Splits a signed note at its last blank line and parses the signature lines; refuses a note without
     * signatures, a malformed line, control characters other than newline.
     */
    public static SignedNote parse(String note) {
        requireNoControl(note);
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("signed note has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        if (split + 2 >= note.length()) {
            throw new IllegalArgumentException("signed note has no signatures");
        }
        String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new IllegalArgumentException("signed note has more than " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("signature line must start with an em dash and a space: '" + line + "'");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new IllegalArgumentException("signature line must be '— <name> <base64>': '" + line + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not base64: '" + line + "'");
        }
        if (bytes.length < 5) {
            throw new IllegalArgumentException("signature must hold a key ID and a signature: '" + line + "'");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int keyId = buffer.getInt();
        byte[] signature = new byte[bytes.length - 4];
        buffer.get(signature);
        return new NoteSignature(rest.substring(0, space), keyId, signature);
    }

    private static void requireNoControl(String note) {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException("note contains control character 0x" + Integer.toHexString(c));
            }
        }
    }
}
