package io.pjctrl.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints how many records the dead-letter topic holds (end minus earliest offset over its partitions) and fails when
 * that is more than {@code --max} (default 0): the ingest benchmarks' check that no event was dead-lettered, e.g. as
 * {@code occurred_at_out_of_range}, which the stored count alone would only show as a timeout.
 */
final class DeadLetterCountTool {

    private DeadLetterCountTool() {
    }

    static void run(Args args) throws Exception {
        String dlq = args.text("dlq", "pjctrl.audit-events.dlq");
        long max = args.number("max", 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                args.text("bootstrap", "127.0.0.1:19092")))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(dlq)).allTopicNames().get().get(dlq)
                    .partitions().stream().map(p -> new TopicPartition(dlq, p.partition())).toList();
            long records = offsets(admin, partitions, OffsetSpec.latest()) - offsets(admin, partitions, OffsetSpec.earliest());
            System.out.printf("dead letters on %s: %d%n", dlq, records);
            if (records > max) {
                System.out.printf("FAILED: more than %d dead letters%n", max);
                System.exit(1);
            }
        }
    }

    private static long offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .values().stream().mapToLong(o -> o.offset()).sum();
    }
}
