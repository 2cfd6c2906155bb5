package io.milepost.notifier.ops;

import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * CX metrics from the stream job: a whole poll stored in one transaction ({@link RecordBatches}),
 * idempotently ({@link CxMetricsStore}), so the at-least-once topic can be replayed at will. A
 * record that is not cx-metrics v1 is set aside like any other (milepost.cx-metrics.dlq).
 */
@Component
class CxMetricsListener {
  private final CxMetricsStore store;
  private final RecordBatches batches;

  CxMetricsListener(CxMetricsStore store, RecordBatches batches) {
    this.store = store;
    this.batches = batches;
  }

  @KafkaListener(
      id = "milepost-cx-metrics",
      topics = Topics.CX_METRICS,
      groupId = "${milepost.kafka.cx-metrics-group-id:milepost-notifier-cx-metrics}",
      concurrency = "${milepost.kafka.concurrency:2}",
      batch = "true",
      // The stream job writes in Kafka transactions: only what it committed is a fact.
      properties = "isolation.level=read_committed")
  void onCxMetrics(List<ConsumerRecord<String, byte[]>> records) {
    batches.process(records, WireCodec.CX_METRICS, store::storeAll, nothing -> {});
  }
}
