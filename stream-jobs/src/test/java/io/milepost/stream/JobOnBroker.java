package io.milepost.stream;

import io.milepost.schemas.Topics;
import io.milepost.testing.KafkaBroker;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh broker with the job's topics for each test, and the job the test started on it: before
 * each test it starts the broker; after it (and after the test's own {@code @AfterEach}) it cancels
 * the job, if one was started, and closes the broker. Register it on an instance field with
 * {@code @RegisterExtension}.
 */
final class JobOnBroker implements BeforeEachCallback, AfterEachCallback {
  private KafkaBroker broker;
  private JobClient job;

  /** A broker with every topic the job reads and writes. */
  static KafkaBroker startWithJobTopics() {
    KafkaBroker broker = KafkaBroker.start();
    broker.createTopics(
        Topics.OPS_EVENTS,
        Topics.RULES,
        Topics.INTENTS,
        Topics.BOARD,
        Topics.OPS_EVENTS_DLQ,
        Topics.CX_METRICS);
    return broker;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    job = null;
    broker = startWithJobTopics();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (job != null) {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    } finally {
      broker.close();
    }
  }

  KafkaBroker broker() {
    return broker;
  }

  /** Builds the job with its real Kafka source and sinks on {@code env} and starts it. */
  JobClient startKafkaJob(StreamExecutionEnvironment env, Configuration options) throws Exception {
    ProgressJob.kafka(options).build(env);
    return start(env);
  }

  /** Starts the pipeline already built on {@code env}; it is cancelled after the test. */
  JobClient start(StreamExecutionEnvironment env) throws Exception {
    job = env.executeAsync(ProgressJob.JOB_NAME);
    return job;
  }

  JobClient job() {
    return job;
  }

  /** How many checkpoints of the started job completed so far. */
  long completedCheckpoints(MiniCluster flink) throws Exception {
    return flink
        .getExecutionGraph(job.getJobID())
        .get(10, TimeUnit.SECONDS)
        .getCheckpointStatsSnapshot()
        .getCounts()
        .getNumberOfCompletedCheckpoints();
  }
}
