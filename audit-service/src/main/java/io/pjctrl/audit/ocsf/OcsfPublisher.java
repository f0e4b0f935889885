package io.pjctrl.audit.ocsf;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pjctrl.audit.AuditServiceConfig;
import io.pjctrl.audit.alert.AlertRaised;
import io.pjctrl.contract.chain.ChainedEntry;
import io.pjctrl.contract.ocsf.OcsfRecords;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Feeds {@code pjctrl.audit-ocsf} when {@code pjctrl.ocsf.topic.enabled}: the OCSF record of every entry the ingest
 * stored, after its transaction committed, in chain order (key = chain id, so one chain's records stay in order on
 * one partition), and the Detection Finding of every alert. Every send is awaited until the broker acknowledged it.
 * A failed send is logged and counted ({@code pjctrl_ocsf_publish_failures_total}) but does not fail the ingest: the
 * entries are stored, and {@code GET /api/audit-logs/export?format=ocsf} with from/to writes the same records again
 * (a SIEM sees the gap in {@code metadata.sequence}, dense per {@code metadata.log_name}).
 */
@ApplicationScoped
public class OcsfPublisher {

    public static final String CHANNEL = "audit-ocsf-out";
    private static final String ALERT_KEY_PREFIX = "alert:";

    private final MutinyEmitter<String> topic;
    private final OcsfRecords records;
    private final boolean enabled;
    private final Counter failures;

    /**
     * A batch's records are handed over at once: the sink takes up to its 1,024 in-flight messages, the buffer holds
     * the rest of a batch up to well beyond the ingest's max.poll.records (1,000) instead of refusing them.
     */
    public OcsfPublisher(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) MutinyEmitter<String> topic,
            OcsfRecords records, AuditServiceConfig config, MeterRegistry registry) {
        this.topic = topic;
        this.records = records;
        this.enabled = config.ocsf().topic().enabled();
        this.failures = Counter.builder("pjctrl.ocsf.publish.failures")
                .description("OCSF records not acknowledged by the broker (pjctrl.audit-ocsf); the export has them")
                .register(registry);
    }

    /** The records of a committed batch's entries, in their order; a no-op while the topic is disabled. */
    public Uni<Void> publishEntries(List<ChainedEntry> entries) {
        if (!enabled || entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = entries.stream()
                .map(entry -> send(entry.chainId(), OcsfRecords.line(records.entry(entry))))
                .toList();
        return join(sends, entries.size() + " entries");
    }

    /** The Detection Findings of committed alerts; a no-op while the topic is disabled. */
    public Uni<Void> publishAlerts(List<AlertRaised> alerts) {
        if (!enabled || alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = alerts.stream()
                .map(alert -> send(ALERT_KEY_PREFIX + alert.id(), OcsfRecords.line(records.alert(alert.toEvent()))))
                .toList();
        return join(sends, alerts.size() + " alerts");
    }

    /**
     * All sends subscribed at once, in list order, so the producer batches them and keeps their order (idempotent
     * producer); the Uni completes when every one was acknowledged.
     */
    private Uni<Void> join(List<Uni<Void>> sends, String what) {
        return Uni.join().all(sends).andCollectFailures()
                .replaceWithVoid()
                .onFailure().invoke(e -> Log.errorf(e, "OCSF records of %s stored but not all published", what))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> send(String key, String line) {
        String json = line.substring(0, line.length() - 1);
        return topic.sendMessage(Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()))
                .onFailure().invoke(e -> failures.increment());
    }
}
