package io.milepost.notifier.board;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.job.JobRepository;
import io.milepost.notifier.kafka.RecordBatches;
import io.milepost.notifier.push.LivePush;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Topics;
import io.milepost.schemas.WireCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Board updates: at-least-once and versioned, so read uncommitted for latency, keep the newest
 * version per job, drop older ones, and push what changed. A whole poll is stored in one
 * transaction and pushed after its commit.
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

  private List<Changed> applyAll(List<BoardUpdate> updates) {
    List<Changed> changed = new ArrayList<>();
    for (BoardUpdate update : newestPerJob(updates)) {
      jobs.apply(update).ifPresent(stored -> changed.add(new Changed(update, stored)));
    }
    return changed;
  }

  private void pushAll(List<Changed> changed) {
    changed.forEach(each -> push.jobChanged(each.update(), each.stored()));
  }

  /**
   * Each update is the job's whole state, so within a poll only the highest version per job needs
   * storing and pushing. In job order, so that this transaction and the intent listener's take the
   * locks of new jobs in the same order and do not deadlock.
   */
  static Collection<BoardUpdate> newestPerJob(List<BoardUpdate> updates) {
    Map<String, BoardUpdate> newest = new TreeMap<>();
    for (BoardUpdate update : updates) {
      newest.merge(
          update.key(), update, (held, next) -> next.version() >= held.version() ? next : held);
    }
    return newest.values();
  }

  private record Changed(BoardUpdate update, Job stored) {}
}
