package io.milepost.notifier.intent;

import io.milepost.notifier.kafka.RejectedRecords;
import io.milepost.notifier.sms.SmsDispatcher;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Where an intent enters. Reads only committed records (the stream job writes intents in Kafka
 * transactions), records each in PostgreSQL, commits the offset, and only then sends the SMS.
 */
@Component
class IntentListener {
  private static final Logger log = LoggerFactory.getLogger(IntentListener.class);

  private final IntentRecorder recorder;
  private final SmsDispatcher dispatcher;
  private final RejectedRecords rejected;

  IntentListener(IntentRecorder recorder, SmsDispatcher dispatcher, RejectedRecords rejected) {
    this.recorder = recorder;
    this.dispatcher = dispatcher;
    this.rejected = rejected;
  }

  @KafkaListener(
      id = "milepost-intents",
      topics = Topics.INTENTS,
      groupId = "${milepost.kafka.intents-group-id:milepost-notifier}",
      properties = "isolation.level=read_committed")
  void onIntent(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
    Optional<Long> notification =
        rejected.decodeOrSetAside(record, WireCodec.INTENT).flatMap(recorder::record);
    ack.acknowledge();
    notification.ifPresent(this::sendNow);
  }

  private void sendNow(long notificationId) {
    try {
      dispatcher.dispatch(notificationId);
    } catch (RuntimeException e) {
      // Committed already: the sweep sends it later. Never fail the record for this.
      log.warn("SMS {} not sent now, the sweep will: {}", notificationId, e.toString());
    }
  }
}
