package io.pjctrl.contract.privacy;

import java.util.UUID;

/**
 * What a commitment hides: the value (its RFC 8785 canonical JSON text) and the salt, at {@code path} of the entry
 * ({@code request_metadata.ip}, {@code changes.email.new}, ...), about data subject {@code subject}.
 */
public record Opening(String path, UUID subject, String canonicalValue, byte[] salt, String commitment) {

    /** An opening of {@code canonicalValue} under a fresh salt. */
    public static Opening of(String path, UUID subject, String canonicalValue) {
        return of(path, subject, canonicalValue, Commitments.newSalt());
    }

    /** An opening of {@code canonicalValue} under {@code salt} ({@value Commitments#SALT_BYTES} random bytes). */
    public static Opening of(String path, UUID subject, String canonicalValue, byte[] salt) {
        return new Opening(path, subject, canonicalValue, salt, Commitments.commit(salt, canonicalValue));
    }
}
