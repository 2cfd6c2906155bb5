package io.milepost.notifier.kafka;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How both listeners take a poll's records: decoded, then stored in one PostgreSQL transaction,
 * then (after commit) the side effects — pushes, SMS. The container commits the offsets once the
 * listener returns: one transaction and one offset commit per poll.
 *
 * <p>When the transaction fails for a reason that lies in a record, the poll is replayed one record
 * per transaction to find it; the records before it are kept, and it is handed to the error handler
 * as a {@link BatchListenerFailedException} naming it, wrapped in a {@link PoisonRecordException}
 * so it is set aside at once ({@link SetAside}). When the failure is infrastructure, the error
 * handler pauses just that partition and retries from the failed record, without limit ({@link
 * KafkaErrorHandling}).
 */
@Component
public class RecordBatches {
  private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

  private final TransactionTemplate transaction;
  private final RetryingRecords retrying;

  RecordBatches(PlatformTransactionManager transactions, RetryingRecords retrying) {
    this.transaction = new TransactionTemplate(transactions);
    this.retrying = retrying;
  }

  /**
   * @param store runs inside the transaction with the decoded payloads, in record order; returns
   *     what to do after commit
   * @param afterCommit side effects of a committed transaction; its failures are logged, never
   *     retried (the records are stored; SMS have their own sweep)
   */
  public <T, R> void process(
      List<ConsumerRecord<String, byte[]>> records,
      WireCodec<T> codec,
      Function<List<T>, R> store,
      Consumer<R> afterCommit) {
    processRecords(records, record -> codec.decode(record.value()), store, afterCommit);
  }

  /** A record read as a whole (headers, key, position), not only its value decoded. */
  @FunctionalInterface
  public interface RecordReader<T> {
    T read(ConsumerRecord<String, byte[]> record) throws InvalidPayloadException;
  }

  /**
   * {@link #process} for listeners that need more of a record than its decoded value, e.g. the
   * headers of a dead letter; a record {@code read} refuses is poison, as an undecodable one is.
   */
  public <T, R> void processRecords(
      List<ConsumerRecord<String, byte[]>> records,
      RecordReader<T> read,
      Function<List<T>, R> store,
      Consumer<R> afterCommit) {
    List<T> decoded = new ArrayList<>(records.size());
    PoisonRecordException unreadable = null;
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        decoded.add(read.read(record));
      } catch (InvalidPayloadException e) {
        unreadable = new PoisonRecordException("unreadable: " + e.getMessage(), e);
        break;
      }
    }
    List<ConsumerRecord<String, byte[]>> readable = records.subList(0, decoded.size());
    if (!decoded.isEmpty()) {
      storeAll(readable, decoded, store, afterCommit);
    }
    if (unreadable != null) {
      // The readable records before it are stored: the error handler commits up to here.
      throw new BatchListenerFailedException(
          unreadable.getMessage(), unreadable, records.get(decoded.size()));
    }
  }

  private <T, R> void storeAll(
      List<ConsumerRecord<String, byte[]>> records,
      List<T> payloads,
      Function<List<T>, R> store,
      Consumer<R> afterCommit) {
    R done;
    try {
      done = transaction.execute(status -> store.apply(payloads));
    } catch (RuntimeException e) {
      if (records.size() == 1 || Failures.classify(e) == Failures.Kind.INFRASTRUCTURE) {
        throw failed(records.get(0), e);
      }
      log.info(
          "a poll of {} records from {} failed ({}); storing them one by one to find the record",
          records.size(),
          records.get(0).topic(),
          Failures.reason(e));
      storeOneByOne(records, payloads, store, afterCommit);
      return;
    }
    retrying.progressed(records);
    runAfterCommit(afterCommit, done);
  }

  private <T, R> void storeOneByOne(
      List<ConsumerRecord<String, byte[]>> records,
      List<T> payloads,
      Function<List<T>, R> store,
      Consumer<R> afterCommit) {
    for (int i = 0; i < records.size(); i++) {
      List<T> one = List.of(payloads.get(i));
      R done;
      try {
        done = transaction.execute(status -> store.apply(one));
      } catch (RuntimeException e) {
        throw failed(records.get(i), e);
      }
      retrying.progressed(List.of(records.get(i)));
      runAfterCommit(afterCommit, done);
    }
  }

  /** Names the failed record for the error handler, marked as poison when it is. */
  private static BatchListenerFailedException failed(
      ConsumerRecord<String, byte[]> record, RuntimeException failure) {
    String reason = Failures.reason(failure);
    Throwable cause =
        Failures.classify(failure) == Failures.Kind.POISON
            ? new PoisonRecordException(reason, failure)
            : failure;
    return new BatchListenerFailedException(reason, cause, record);
  }

  private static <R> void runAfterCommit(Consumer<R> afterCommit, R done) {
    try {
      afterCommit.accept(done);
    } catch (RuntimeException e) {
      log.warn("after commit: {}", e.toString());
    }
  }
}
