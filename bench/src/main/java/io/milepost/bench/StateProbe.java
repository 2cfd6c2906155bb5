package io.milepost.bench;

import io.milepost.schemas.Topics;
import io.milepost.simulator.GroundTruth;
import io.milepost.simulator.SimulatedEvent;
import io.milepost.stream.ProgressJob;
import io.milepost.stream.ProgressJobOptions;
import io.milepost.testing.KafkaBroker;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import tools.jackson.databind.JsonNode;

/**
 * Flink state per job at one point of the week, from the job's own checkpoint. A fresh broker gets
 * the week's records up to the cut; the production job reads them unbounded (a bounded run drops
 * every job's state at its end) with the MiniCluster's REST API on a free port. Once the offsets
 * committed with a checkpoint reach the end of the topic, that checkpoint holds every job the input
 * made, with the timers fired up to the watermark (the cut less 30 s): its size, per task (heap
 * state backend: a full snapshot, so the size is the state's serialized bytes), divided by the jobs
 * it holds state for, counted from the truth: started by the cut and not closed for more than the
 * terminal grace (1 day). Read before the input has been idle for a minute, when the watermark
 * would jump to the wall clock.
 */
final class StateProbe {
  private StateProbe() {}

  /**
   * The tasks whose state is keyed by {@code tenant/job} (the first operator of the chain names the
   * task): their bytes grow with the jobs held. The others hold per-location windows, per-stage
   * statistics, source offsets and sink transactions.
   */
  private static final List<String> PER_JOB_TASKS =
      List.of("job progress", "cx per job", "stage passages");

  static List<String> run(
      List<SimulatedEvent> records,
      List<GroundTruth> truth,
      Instant cut,
      int parallelism,
      Duration watermarkInterval)
      throws Exception {
    List<String> lines = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start()) {
      String kafka = broker.bootstrapServers();
      broker.createTopics(
          Topics.OPS_EVENTS,
          Topics.OPS_EVENTS_DLQ,
          Topics.INTENTS,
          Topics.BOARD,
          Topics.RULES,
          Topics.CX_METRICS);
      WeekPreload.Result input = WeekPreload.run(kafka, records, cut);
      Instant end = input.lastSentAt();
      System.out.printf("      %,d records up to %s on a fresh broker%n", input.total(), end);

      Configuration jobOptions = PredictionJobRun.jobOptions(kafka, parallelism, false);
      int port = freePort();
      Configuration conf = new Configuration();
      conf.set(PipelineOptions.GENERIC_TYPES, false); // as ProgressJob.environment
      conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      conf.set(RestOptions.ADDRESS, "127.0.0.1");
      conf.set(RestOptions.PORT, port);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.getConfig().setAutoWatermarkInterval(watermarkInterval.toMillis());
      ProgressJob.kafka(jobOptions).build(env);
      JobClient client = env.executeAsync(ProgressJob.JOB_NAME + "-state");
      String jobs = "http://127.0.0.1:" + port + "/jobs/" + client.getJobID();
      HttpClient http = HttpClient.newHttpClient();
      long started = System.nanoTime();
      try (Admin admin = PredictionJobRun.admin(kafka)) {
        long total = input.total();
        long read = 0;
        while (read < total) {
          Thread.sleep(250);
          Map<Integer, Long> offsets =
              PredictionJobRun.committed(admin, jobOptions.get(ProgressJobOptions.GROUP_ID));
          read = offsets.values().stream().mapToLong(Long::longValue).sum();
          if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
            throw new IllegalStateException("state probe: the job did not read its input in 5 min");
          }
        }
        System.out.printf(
            "      all records checkpointed after %.0f s%n", (System.nanoTime() - started) / 1e9);
        JsonNode checkpoints = get(http, jobs + "/checkpoints");
        JsonNode latest = checkpoints.path("latest").path("completed");
        long id = latest.path("id").asLong();
        long size = latest.path("state_size").asLong();
        JsonNode details = get(http, jobs + "/checkpoints/details/" + id);
        JsonNode vertices = get(http, jobs).path("vertices");

        Instant watermark = end.minus(jobOptions.get(ProgressJobOptions.MAX_OUT_OF_ORDERNESS));
        Duration grace = jobOptions.get(ProgressJobOptions.TERMINAL_GRACE);
        long open = 0;
        long closedInGrace = 0;
        for (GroundTruth job : truth) {
          if (job.stages().get(0).enteredAt().isAfter(end)) {
            continue;
          }
          Instant closed = job.closedAt();
          if (closed == null || closed.isAfter(end)) {
            open++;
          } else if (closed.plus(grace).isAfter(watermark)) {
            closedInGrace++;
          }
        }
        long held = open + closedInGrace;
        lines.add(
            String.format(
                "checkpoint %d, after %,d records up to %s: %,d jobs with state (%,d open, %,d"
                    + " closed within the 1-day grace)",
                id, total, end, held, open, closedInGrace));
        lines.add(
            "| task (operators chained) | keyed by job | checkpointed bytes | bytes per job with state |");
        lines.add("|---|---|---:|---:|");
        long perJob = 0;
        for (JsonNode vertex : vertices) {
          JsonNode task = details.path("tasks").path(vertex.path("id").asText());
          long bytes = task.path("state_size").asLong();
          if (bytes == 0) {
            continue;
          }
          String name = vertex.path("name").asText();
          boolean keyedByJob = PER_JOB_TASKS.stream().anyMatch(name::startsWith);
          if (keyedByJob) {
            perJob += bytes;
          }
          lines.add(
              String.format(
                  "| %s | %s | %,d | %,.0f |",
                  name, keyedByJob ? "yes" : "no", bytes, (double) bytes / held));
        }
        lines.add(
            String.format(
                "| **tasks keyed by job** | | %,d | %,.0f (%,.0f per open job) |",
                perJob, (double) perJob / held, (double) perJob / open));
        lines.add(
            String.format(
                "| **whole job** (checkpoint %d) | | %,d | %,.0f |",
                id, size, (double) size / held));
      } finally {
        client.cancel().get();
      }
    }
    return lines;
  }

  private static JsonNode get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return io.milepost.schemas.WireCodec.MAPPER.readTree(response.body());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
