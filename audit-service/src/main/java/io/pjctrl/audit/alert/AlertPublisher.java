package io.pjctrl.audit.alert;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pjctrl.audit.ocsf.OcsfPublisher;
import io.pjctrl.contract.event.AlertEvent;
import io.pjctrl.contract.event.EventRecord;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Tells the world about alerts that are already committed: the alerts topic (a binary-mode CloudEvent per alert, as
 * {@link AlertEvent} writes it; ack awaited), the OCSF topic when it is enabled (a Detection Finding) and the CDI event
 * {@link AlertRaised} (in-process observers). A failed publication is logged and does not fail ingestion: the
 * alert is durable in audit_alerts, listed by the API and streamed by every instance's {@link AlertFeed}.
 */
@ApplicationScoped
public class AlertPublisher {

    public static final String CHANNEL = "audit-alerts-out";

    private final MutinyEmitter<String> topic;
    private final Event<AlertRaised> events;
    private final OcsfPublisher ocsf;

    public AlertPublisher(@Channel(CHANNEL) MutinyEmitter<String> topic, Event<AlertRaised> events, OcsfPublisher ocsf) {
        this.topic = topic;
        this.events = events;
        this.ocsf = ocsf;
    }

    public Uni<Void> published(List<AlertRaised> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last()
                .replaceWithVoid()
                .call(() -> ocsf.publishAlerts(alerts));
    }

    private Uni<Void> publish(AlertRaised alert) {
        return topic.sendMessage(message(alert))
                .onFailure().invoke(e -> Log.errorf(e, "Alert %s stored but not published to Kafka", alert.id()))
                .onFailure().recoverWithNull()
                .invoke(() -> fire(alert));
    }

    /** An observer's failure must not fail the (already committed) batch and stop ingestion. */
    private void fire(AlertRaised alert) {
        try {
            events.fire(alert);
        } catch (RuntimeException e) {
            Log.errorf(e, "An AlertRaised observer failed for alert %s", alert.id());
        }
    }

    /** The alert's CloudEvent: headers, key and data from the contract's {@link AlertEvent}. */
    static Message<String> message(AlertRaised alert) {
        EventRecord record = alert.toEvent().record();
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Message.of(new String(record.value(), StandardCharsets.UTF_8))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build());
    }
}
