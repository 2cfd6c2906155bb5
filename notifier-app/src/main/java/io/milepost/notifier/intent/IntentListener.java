package io.milepost.notifier.intent;

import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.notifier.sms.SmsDispatcher;
import io.milepost.schemas.Intent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Where intents enter. Reads only committed records (the stream job writes intents in Kafka
 * transactions), records a whole poll in one PostgreSQL transaction, and only after that commit
 * sends the SMS; the container then commits the poll's offsets.
 */
@Component
class IntentListener {
  private static final Logger log = LoggerFactory.getLogger(IntentListener.class);

  private final IntentRecorder recorder;
  private final SmsDispatcher dispatcher;
  private final RecordBatches batches;

  IntentListener(IntentRecorder recorder, SmsDispatcher dispatcher, RecordBatches batches) {
    this.recorder = recorder;
    this.dispatcher = dispatcher;
    this.batches = batches;
  }

  @KafkaListener(
      id = "milepost-intents",
      topics = Topics.INTENTS,
      groupId = "${milepost.kafka.intents-group-id:milepost-notifier}",
      concurrency = "${milepost.kafka.concurrency:2}",
      batch = "true",
      // A poll's transaction holds the locks of the jobs it has reached until it commits, and the
      // board listener waits for them: small polls keep that wait short.
      properties = {
        "isolation.level=read_committed",
        "max.poll.records=${milepost.kafka.intents-max-poll-records:100}"
      })
  void onIntents(List<ConsumerRecord<String, byte[]>> records) {
    batches.process(records, WireCodec.INTENT, this::recordAll, this::sendNow);
  }

  /** The whole poll in a few statements ({@link IntentRecorder#recordAll}). */
  private List<Long> recordAll(List<Intent> intents) {
    return recorder.recordAll(intents);
  }

  private void sendNow(List<Long> notificationIds) {
    for (long notificationId : notificationIds) {
      try {
        dispatcher.dispatch(notificationId);
      } catch (RuntimeException e) {
        // Committed already: the sweep sends it later. Never fail the record for this.
        log.warn("SMS {} not sent now, the sweep will: {}", notificationId, e.toString());
      }
    }
  }
}
