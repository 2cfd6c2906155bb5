package io.milepost.notifier.board;

import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.kafka.RejectedRecords;
import io.milepost.notifier.push.LivePush;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Board updates: at-least-once and versioned, so read uncommitted for latency, keep the newest
 * version per job, drop older ones, and push what changed.
 */
@Component
class BoardListener {
  private final JobRepository jobs;
  private final LivePush push;
  private final RejectedRecords rejected;

  BoardListener(JobRepository jobs, LivePush push, RejectedRecords rejected) {
    this.jobs = jobs;
    this.push = push;
    this.rejected = rejected;
  }

  @KafkaListener(
      id = "milepost-board",
      topics = Topics.BOARD,
      groupId = "${milepost.kafka.board-group-id:milepost-notifier-board}",
      properties = "isolation.level=read_uncommitted")
  void onBoardUpdate(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
    rejected
        .decodeOrSetAside(record, WireCodec.BOARD_UPDATE)
        .ifPresent(
            update -> jobs.apply(update).ifPresent(stored -> push.jobChanged(update, stored)));
    ack.acknowledge();
  }
}
