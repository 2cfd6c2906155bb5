package io.milepost.notifier.kafka;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Waits out a retry by pausing only the failed record's partition, so the consumer keeps polling
 * its other partitions meanwhile. spring-kafka's own handlers either sleep the consumer thread or
 * pause the whole container, which would stall every partition that consumer owns.
 */
class PartitionPausingBackOff implements BackOffHandler, DisposableBean {
  private final DefaultBackOffHandler sleep = new DefaultBackOffHandler();
  // Not a bean on purpose: a ScheduledExecutorService bean would replace the one @Scheduled uses.
  private final ScheduledExecutorService resumer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "kafka-partition-resumer");
            thread.setDaemon(true);
            return thread;
          });

  @Override
  public void onNextBackOff(
      @Nullable MessageListenerContainer container,
      @Nullable Exception exception,
      long nextBackOff) {
    ConsumerRecord<?, ?> record = failedRecord(exception);
    if (container == null || record == null) {
      sleep.onNextBackOff(container, exception, nextBackOff);
      return;
    }
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    container.pausePartition(partition);
    resumer.schedule(
        () -> container.resumePartition(partition),
        nextBackOff,
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private static @Nullable ConsumerRecord<?, ?> failedRecord(@Nullable Throwable failure) {
    for (Throwable each = failure; each != null; each = each.getCause()) {
      if (each instanceof BatchListenerFailedException failed && failed.getRecord() != null) {
        return failed.getRecord();
      }
      if (each.getCause() == each) {
        break;
      }
    }
    return null;
  }

  @Override
  public void destroy() {
    resumer.shutdownNow();
  }
}
