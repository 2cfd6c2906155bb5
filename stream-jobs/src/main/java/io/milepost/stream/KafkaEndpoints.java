package io.milepost.stream;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.stream.ingest.DeadLetter;
import io.milepost.stream.ingest.DeadLetterSerializer;
import io.milepost.stream.ingest.RawEvent;
import io.milepost.stream.ingest.RawEventDeserializer;
import io.milepost.stream.publish.JobKeyedSerializer;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The real Kafka source and sinks of {@link ProgressJob}, configured from its options. */
public final class KafkaEndpoints {
  private KafkaEndpoints() {}

  public static KafkaSource<RawEvent> source(ReadableConfig options) {
    return source(options, new RawEventDeserializer());
  }

  /** The source with another deserializer: for tests that inject a failure while reading. */
  public static KafkaSource<RawEvent> source(
      ReadableConfig options, KafkaRecordDeserializationSchema<RawEvent> deserializer) {
    KafkaSourceBuilder<RawEvent> builder =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
            .setTopics(Topics.OPS_EVENTS)
            .setGroupId(options.get(ProgressJobOptions.GROUP_ID))
            // Offsets are committed on checkpoints, for monitoring and for a fresh start without
            // a savepoint; a restore always uses the offsets in the checkpoint.
            .setStartingOffsets(
                options.get(ProgressJobOptions.FROM_EARLIEST)
                    ? OffsetsInitializer.earliest()
                    : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(deserializer);
    if (options.get(ProgressJobOptions.BOUNDED)) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * The tenants' rules: the compacted {@code milepost.rules}, keyed by tenant, always read from its
   * start (a fresh start needs every tenant's latest record; a restore resumes from the
   * checkpoint's offsets with the broadcast state it held). Bounded with the events in a bounded
   * run.
   */
  public static KafkaSource<RawEvent> rules(ReadableConfig options) {
    KafkaSourceBuilder<RawEvent> builder =
        KafkaSource.<RawEvent>builder()
            .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
            .setTopics(Topics.RULES)
            .setGroupId(options.get(ProgressJobOptions.GROUP_ID) + "-rules")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new RawEventDeserializer());
    if (options.get(ProgressJobOptions.BOUNDED)) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * Intents, exactly once: written in Kafka transactions that commit with each checkpoint.
   *
   * <p>Transactional ids come from a small pool per subtask, reused once their transaction is
   * committed. The connector's default names one id per subtask per checkpoint, and the broker
   * keeps each for {@code transactional.id.expiration.ms} (7 days): 43,200 a day per subtask at 2 s
   * checkpoints. Pooling finds and aborts the job's lingering transactions on restart by listing
   * them, which needs Kafka 3.0+ and read permission on the intents topic, which the serializer
   * names ({@link JobKeyedSerializer} provides a dataset facet). Switching a running job from the
   * default needs a checkpoint taken by this connector version (4.0 or later) first; switching back
   * is not supported.
   */
  public static KafkaSink<Intent> intents(ReadableConfig options) {
    return KafkaSink.<Intent>builder()
        .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
        .setRecordSerializer(JobKeyedSerializer.intents())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(options.get(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX))
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .setProperty(
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            String.valueOf(options.get(ProgressJobOptions.TRANSACTION_TIMEOUT).toMillis()))
        .build();
  }

  /**
   * Board updates, at least once: they do not wait for a checkpoint, and a redelivered one is
   * harmless because readers keep the highest version per job.
   */
  public static KafkaSink<BoardUpdate> boardUpdates(ReadableConfig options) {
    return KafkaSink.<BoardUpdate>builder()
        .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
        .setRecordSerializer(JobKeyedSerializer.boardUpdates())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /**
   * CX metrics, at least once: after a restart a window or alert may be sent twice; readers keep
   * the latest record per location, kind and window (see {@code cx-metrics.v1.json}).
   */
  public static KafkaSink<CxMetrics> cxMetrics(ReadableConfig options) {
    return KafkaSink.<CxMetrics>builder()
        .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
        .setRecordSerializer(JobKeyedSerializer.cxMetrics())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** Dead letters, at least once: a copy too many of a bad record beats a lost one. */
  public static KafkaSink<DeadLetter> deadLetters(ReadableConfig options) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(options.get(ProgressJobOptions.BOOTSTRAP_SERVERS))
        .setRecordSerializer(new DeadLetterSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
