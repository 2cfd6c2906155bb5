package io.milepost.notifier.board;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.notifier.push.LivePush;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Board updates: at-least-once and versioned, so read uncommitted for latency, drop older versions,
 * and push what changed. A whole poll is stored in one transaction, in a few statements whatever
 * its size, and the newest stored state of each job instance is pushed after its commit.
 */
@Component
class BoardListener {
  private final JobRepository jobs;
  private final LivePush push;
  private final RecordBatches batches;

  BoardListener(JobRepository jobs, LivePush push, RecordBatches batches) {
    this.jobs = jobs;
    this.push = push;
    this.batches = batches;
  }

  @KafkaListener(
      id = "milepost-board",
      topics = Topics.BOARD,
      groupId = "${milepost.kafka.board-group-id:milepost-notifier-board}",
      concurrency = "${milepost.kafka.concurrency:2}",
      batch = "true",
      properties = "isolation.level=read_uncommitted")
  void onBoardUpdates(List<ConsumerRecord<String, byte[]>> records) {
    batches.process(records, WireCodec.BOARD_UPDATE, this::applyAll, this::pushAll);
  }

  /** The whole poll, in record order, in a few statements ({@link JobRepository#applyAll}). */
  private Collection<Changed> applyAll(List<BoardUpdate> updates) {
    List<Optional<Job>> stored = jobs.applyAll(updates);
    return newestPerInstance(updates, stored);
  }

  private void pushAll(Collection<Changed> changed) {
    push.jobsChanged(
        changed.stream().map(Changed::update).toList(),
        changed.stream().map(Changed::stored).toList());
  }

  /**
   * Each update is its job instance's whole state and a stored version only rises, so within a poll
   * only the last one stored per instance needs pushing.
   */
  static Collection<Changed> newestPerInstance(
      List<BoardUpdate> updates, List<Optional<Job>> stored) {
    Map<String, Changed> newest = new LinkedHashMap<>();
    for (int i = 0; i < updates.size(); i++) {
      BoardUpdate update = updates.get(i);
      stored.get(i).ifPresent(job -> newest.put(job.trackingToken(), new Changed(update, job)));
    }
    return newest.values();
  }

  record Changed(BoardUpdate update, Job stored) {}
}
