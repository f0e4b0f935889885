package io.pjctrl.audit.privacy;

import io.smallrye.config.ConfigMapping;

/** Personal data: the key that protects every data subject's key (docs/personal-data.md). */
@ConfigMapping(prefix = "pjctrl.privacy")
public interface PrivacyConfig {

    /**
     * The key-encryption key: base64 of 32 random bytes (AES-256), from a secret ({@code PJCTRL_PRIVACY_KEY_ENCRYPTION_KEY};
     * in k8s the {@code audit-service-privacy} Secret). Every data subject's key is stored wrapped by it. Required in
     * prod (no default); dev and test use fixed keys. Losing it loses every stored personal value (the log still
     * verifies); it is never logged.
     */
    String keyEncryptionKey();
}
