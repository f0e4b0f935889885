package io.pjctrl.contract.event;

import java.time.Instant;
import java.util.UUID;

import io.pjctrl.contract.chain.CanonicalJson;

/** A record that passed the contract, with its Kafka position; {@code ip} is kept apart for the rate rules. */
public record ValidEvent(
        UUID eventId,
        String eventType,
        String source,
        String resourceType,
        String resourceId,
        UUID projectId,
        UUID userId,
        String actorRole,
        String action,
        CanonicalJson changes,
        CanonicalJson requestMetadata,
        String ip,
        long aggregateVersion,
        Instant occurredAt,
        int partition,
        long offset) {
}
