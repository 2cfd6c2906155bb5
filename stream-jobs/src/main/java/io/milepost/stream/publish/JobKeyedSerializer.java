package io.milepost.stream.publish;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes one output of the job keyed by {@code tenantId/jobId}, so every record of a job lands on
 * one partition in order, with the value in its wire format. It names its topic to the sink, which
 * needs it to find the job's lingering transactions when transactional ids are pooled.
 */
public final class JobKeyedSerializer<T>
    implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
  private final String topic;
  private final SerializableFunction<T, String> key;
  private final SerializableFunction<T, byte[]> value;

  private JobKeyedSerializer(
      String topic, SerializableFunction<T, String> key, SerializableFunction<T, byte[]> value) {
    this.topic = topic;
    this.key = key;
    this.value = value;
  }

  public static JobKeyedSerializer<Intent> intents() {
    // Lambdas, not method references: a reference to WireCodec.INTENT would capture the codec,
    // which is not serializable.
    return new JobKeyedSerializer<>(
        Topics.INTENTS, Intent::key, intent -> WireCodec.INTENT.encode(intent));
  }

  public static JobKeyedSerializer<BoardUpdate> boardUpdates() {
    return new JobKeyedSerializer<>(
        Topics.BOARD, BoardUpdate::key, update -> WireCodec.BOARD_UPDATE.encode(update));
  }

  /** CX metrics, keyed by {@code tenantId/locationId}: a location's records stay in order. */
  public static JobKeyedSerializer<CxMetrics> cxMetrics() {
    return new JobKeyedSerializer<>(
        Topics.CX_METRICS, CxMetrics::key, metrics -> WireCodec.CX_METRICS.encode(metrics));
  }

  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, key.apply(element).getBytes(StandardCharsets.UTF_8), value.apply(element));
  }
}
