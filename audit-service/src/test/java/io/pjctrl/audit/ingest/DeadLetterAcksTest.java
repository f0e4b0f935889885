package io.pjctrl.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The acknowledgement bookkeeping of one batch of dead letters, against Kafka's MockProducer (answers by hand). */
class DeadLetterAcksTest {

    private final List<Integer> acknowledged = new ArrayList<>();

    @Test
    void shouldHandEveryRecordToTheProducerInOrderAndCompleteOnlyWhenTheLastIsAcknowledged() {
        MockProducer<String, byte[]> producer = producer(-1);
        List<ProducerRecord<String, byte[]>> records = records(5);

        DeadLetterAcks acks = DeadLetterAcks.send(producer, records, acknowledged::add);

        assertThat(producer.history()).containsExactlyElementsOf(records);
        for (int i = 0; i < 4; i++) {
            producer.completeNext();
        }
        assertThat(acks.done()).isNotDone();
        producer.completeNext();
        assertThat(acks.done()).isCompleted();
        assertThat(acks.acknowledged()).isEqualTo(5);
        assertThat(acknowledged).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shouldFailWithTheRefusalOnceEveryRecordIsAnsweredAndCountOnlyTheAcknowledged() {
        MockProducer<String, byte[]> producer = producer(-1);

        DeadLetterAcks acks = DeadLetterAcks.send(producer, records(4), acknowledged::add);
        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large"));
        producer.completeNext();

        assertThat(acks.done()).isNotDone();
        producer.completeNext();
        assertThat(acks.done()).isCompletedExceptionally();
        assertThat(acks.done().handle((ok, e) -> e)).isCompletedWithValueMatching(e -> e instanceof RecordTooLargeException);
        assertThat(acks.acknowledged()).isEqualTo(3);
        assertThat(acknowledged).containsExactly(0, 2, 3);
    }

    @Test
    void shouldSendNothingAfterARecordTheProducerRefusesOutright() {
        MockProducer<String, byte[]> producer = producer(2);
        List<ProducerRecord<String, byte[]>> records = records(5);

        DeadLetterAcks acks = DeadLetterAcks.send(producer, records, acknowledged::add);

        assertThat(producer.history()).containsExactlyElementsOf(records.subList(0, 2));
        producer.completeNext();
        assertThat(acks.done()).isNotDone();
        producer.completeNext();
        assertThat(acks.done().handle((ok, e) -> e)).isCompletedWithValueMatching(e -> e instanceof KafkaException);
        assertThat(acknowledged).containsExactly(0, 1);
    }

    @Test
    void shouldCompleteEvenWhenCountingAnAcknowledgementFails() {
        MockProducer<String, byte[]> producer = producer(-1);

        DeadLetterAcks acks = DeadLetterAcks.send(producer, records(2), i -> {
            throw new IllegalStateException("metrics broken");
        });
        // The real producer logs and swallows a callback's exception; the mock passes it on.
        assertThatThrownBy(producer::completeNext).hasMessage("metrics broken");
        assertThatThrownBy(producer::completeNext).hasMessage("metrics broken");

        assertThat(acks.done()).isCompleted();
    }

    private static List<ProducerRecord<String, byte[]>> records(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new ProducerRecord<>("dlq", "key-" + i, new byte[]{(byte) i}))
                .toList();
    }

    /** Answers by hand; the send of record {@code refuse} (and only it) throws, as a closed producer would. */
    private static MockProducer<String, byte[]> producer(int refuse) {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {

            private int sends;

            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (sends++ == refuse) {
                    throw new KafkaException("producer closed");
                }
                return super.send(record, callback);
            }
        };
    }
}
