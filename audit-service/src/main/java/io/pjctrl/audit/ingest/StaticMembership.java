package io.pjctrl.audit.ingest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import io.pjctrl.audit.AuditServiceConfig;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Gives each ingest consumer a Kafka {@code group.instance.id} of {@code <pjctrl.ingest.instance-id>-<n>} when an
 * instance id is configured. The channel runs {@code concurrency} consumers, whose copies SmallRye names
 * {@code audit-events-in$1}, {@code $2}, ...; the index keeps the ids unique within the instance and the same after a
 * restart, which is what lets the broker hand a restarted consumer its partitions back without a rebalance.
 */
@ApplicationScoped
public class StaticMembership implements ClientCustomizer<Map<String, Object>> {

    private final Optional<String> instanceId;

    @Inject
    public StaticMembership(AuditServiceConfig config) {
        this(config.ingest().instanceId());
    }

    StaticMembership(Optional<String> instanceId) {
        this.instanceId = instanceId.map(String::trim).filter(id -> !id.isEmpty());
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (instanceId.isEmpty() || !EventIngestConsumer.CHANNEL.equals(baseName(channel))) {
            return config;
        }
        String id = instanceId.get() + "-" + index(channel);
        config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
        Log.infof("Ingest consumer %s joins group %s as static member %s", channel, config.get(ConsumerConfig.GROUP_ID_CONFIG),
                id);
        return config;
    }

    private static String baseName(String channel) {
        int separator = channel.indexOf('$');
        return separator < 0 ? channel : channel.substring(0, separator);
    }

    private static String index(String channel) {
        int separator = channel.indexOf('$');
        return separator < 0 ? "1" : channel.substring(separator + 1);
    }
}
