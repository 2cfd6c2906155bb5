package io.milepost.notifier.customerevent;

import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.notifier.push.LivePush;
import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Customer events reach the boards connected to this instance, whichever instance heard them: each
 * instance reads the whole topic in a group of its own while boards connect to one instance's
 * simple broker (as the board updates).
 */
@Component
class CustomerEventListener {
  private final LivePush push;
  private final RecordBatches batches;

  CustomerEventListener(LivePush push, RecordBatches batches) {
    this.push = push;
    this.batches = batches;
  }

  @KafkaListener(
      id = "milepost-customer-events",
      topics = Topics.CUSTOMER_EVENTS,
      groupId = "${milepost.kafka.customer-events-group-id:milepost-notifier-customer-events}",
      concurrency = "${milepost.kafka.concurrency:2}",
      batch = "true")
  void onCustomerEvents(List<ConsumerRecord<String, byte[]>> records) {
    batches.process(records, WireCodec.CUSTOMER_EVENT, events -> events, this::pushAll);
  }

  private void pushAll(List<CustomerEvent> events) {
    events.forEach(push::customerEvent);
  }
}
