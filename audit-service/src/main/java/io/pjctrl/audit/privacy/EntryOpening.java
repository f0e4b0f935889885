package io.pjctrl.audit.privacy;

import java.util.UUID;

import io.pjctrl.contract.privacy.Opening;

/** The opening of one committed value of the audit log entry {@code entryId}. */
public record EntryOpening(UUID entryId, Opening opening) {
}
