package io.pjctrl.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * audit-service's ingest as seen from outside: which static member (group.instance.id) of the consumer group holds
 * which partition of the events topic, and how far each partition's chain has grown in the audit database.
 */
final class IngestGroup {

    private final SystemStack stack;

    IngestGroup(SystemStack stack) {
        this.stack = stack;
    }

    /** Partition -> group.instance.id of the member holding it (dynamic members show as their member id). */
    Map<Integer, String> owners() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(SystemStack.INGEST_GROUP))
                    .describedGroups()
                    .get(SystemStack.INGEST_GROUP)
                    .get(10, TimeUnit.SECONDS);
            Map<Integer, String> owners = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (SystemStack.EVENTS_TOPIC.equals(partition.topic())) {
                        owners.put(partition.partition(), member.groupInstanceId().orElse(member.consumerId()));
                    }
                }
            }
            return owners;
        }
    }

    /** The instances (group.instance.id without the consumer's {@code -n}) holding at least one partition. */
    TreeSet<String> instancesWithPartitions() throws Exception {
        TreeSet<String> instances = new TreeSet<>();
        owners().values().forEach(id -> instances.add(id.replaceFirst("-[0-9]+$", "")));
        return instances;
    }

    /** Chain id -> highest stored seq, for every partition (0 for a chain with no entry yet). */
    Map<String, Long> heads() throws SQLException {
        Map<String, Long> heads = new HashMap<>();
        for (int p = 0; p < SystemStack.EVENT_PARTITIONS; p++) {
            heads.put("events-" + p, 0L);
        }
        try (Connection c = stack.auditDb().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT chain_id, max(seq) FROM audit_logs GROUP BY chain_id")) {
            while (rs.next()) {
                heads.put(rs.getString(1), rs.getLong(2));
            }
        }
        return heads;
    }
}
