package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the running job logs with the logging configuration it ships with ({@code
 * log4j2.properties}, which a local run uses), rather than the quieter one of the tests.
 */
class ProgressJobLogTest {
  @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

  @RegisterExtension final JobOnBroker kafka = new JobOnBroker();

  private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);
  private final Capture warnings = new Capture();
  private URI testConfiguration;

  @BeforeEach
  void shippedLogging() throws Exception {
    testConfiguration = logging.getConfigLocation();
    logging.setConfigLocation(ProgressJob.class.getResource("/log4j2.properties").toURI());
    // Its INFO lines say nothing about collisions and would bury the test's output.
    Configurator.setRootLevel(Level.WARN);
    warnings.start();
    logging.getConfiguration().getRootLogger().addAppender(warnings, Level.WARN, null);
    logging.updateLoggers();
  }

  @AfterEach
  void testLogging() {
    logging.setConfigLocation(testConfiguration);
  }

  @Test
  void checkpointsLogNoPendingCommittablesNameCollision(@InjectMiniCluster MiniCluster flink)
      throws Exception {
    Configuration options =
        new Configuration()
            .set(ProgressJobOptions.BOOTSTRAP_SERVERS, kafka.broker().bootstrapServers())
            .set(ProgressJobOptions.TRANSACTIONAL_ID_PREFIX, "progress-log-test")
            .set(ProgressJobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(100))
            .set(ProgressJobOptions.PARALLELISM, 2);
    kafka.startKafkaJob(StreamExecutionEnvironment.getExecutionEnvironment(), options);
    ServiceDay.send(kafka.broker(), ServiceDay.MORNING);

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> kafka.completedCheckpoints(flink) >= 5);
    // Another collision on the same logger still gets through: the capture works, and only the
    // known one is dropped.
    LogManager.getLogger(MetricGroup.class)
        .warn("Name collision: Group already contains a Metric with the name 'another'.");

    assertThat(warnings.messages())
        .anyMatch(message -> message.contains("'another'"))
        .noneMatch(message -> message.contains("'pendingCommittables'"));
  }

  /** Keeps the formatted message of every event that reaches it. */
  private static final class Capture extends AbstractAppender {
    private final List<String> messages = new CopyOnWriteArrayList<>();

    Capture() {
      super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
    }

    List<String> messages() {
      return messages;
    }
  }
}
