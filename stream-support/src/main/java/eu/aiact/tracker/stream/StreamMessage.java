package eu.aiact.tracker.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One record a handler is given: where it is on the topic, and its value as the handler read it. */
public record StreamMessage<T>(ConsumerRecord<String, String> record, T value) {

    /** {@code topic-partition@offset}, as dead letters and logs name a record. */
    public String position() {
        return position(record);
    }

    public static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
