package io.pjctrl.bench;

import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client settings the tools share. */
final class Kafka {

    private Kafka() {
    }

    /**
     * A producer the way project-service's relay sends (string key, raw value bytes, acks=all, idempotent), batched
     * for throughput (linger 10 ms, 256 KiB batches).
     */
    static Properties producerConfig(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        return config;
    }

    /** {@link #producerConfig} with a 64 MiB send buffer, for the tools that keep many records in flight. */
    static Properties bulkProducerConfig(String bootstrap) {
        Properties config = producerConfig(bootstrap);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L * 1024 * 1024));
        return config;
    }
}
