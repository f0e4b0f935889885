package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The group.instance.id each ingest consumer gets: unique per consumer, the same after a restart, none when unset. */
class StaticMembershipTest {

    @Test
    void shouldGiveEachIngestConsumerOfTheInstanceItsOwnStableId() {
        StaticMembership membership = new StaticMembership(Optional.of("audit-service-7d9f-x2"));

        assertThat(instanceId(membership, "audit-events-in$1")).isEqualTo("audit-service-7d9f-x2-1");
        assertThat(instanceId(membership, "audit-events-in$2")).isEqualTo("audit-service-7d9f-x2-2");
        assertThat(instanceId(membership, "audit-events-in")).isEqualTo("audit-service-7d9f-x2-1");
    }

    @Test
    void shouldLeaveOtherChannelsAndUnconfiguredInstancesDynamic() {
        assertThat(instanceId(new StaticMembership(Optional.of("pod-a")), "audit-exports")).isNull();
        assertThat(instanceId(new StaticMembership(Optional.empty()), "audit-events-in$1")).isNull();
        assertThat(instanceId(new StaticMembership(Optional.of("  ")), "audit-events-in$1")).isNull();
    }

    private static Object instanceId(StaticMembership membership, String channel) {
        Map<String, Object> kafka = new HashMap<>(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "audit-service-ingest"));
        return membership.customize(channel, null, kafka).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
