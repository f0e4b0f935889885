package io.pjctrl.audit.alert;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Tells the world about alerts that are already committed: the alerts topic (JSON, snake_case, ack awaited) and the
 * CDI event {@link AlertRaised} (in-process observers). A failed publication is logged and does not fail ingestion: the
 * alert is durable in audit_alerts, listed by the API and streamed by every instance's {@link AlertFeed}.
 */
@ApplicationScoped
public class AlertPublisher {

    public static final String CHANNEL = "audit-alerts-out";

    private final MutinyEmitter<String> topic;
    private final Event<AlertRaised> events;
    private final ObjectMapper mapper;

    public AlertPublisher(@Channel(CHANNEL) MutinyEmitter<String> topic, Event<AlertRaised> events, ObjectMapper mapper) {
        this.topic = topic;
        this.events = events;
        this.mapper = mapper;
    }

    public Uni<Void> published(List<AlertRaised> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(alerts)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last()
                .replaceWithVoid();
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

    private Message<String> message(AlertRaised alert) {
        try {
            return Message.of(mapper.writeValueAsString(alert))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.id().toString()).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert not serializable", e);
        }
    }
}
