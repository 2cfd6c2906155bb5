package io.milepost.stream.metrics;

import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The two CX operators chained as in the job, each in its own harness: signals into the job
 * function, its facts into the location function, the same watermark for both (the test advances
 * it).
 */
final class CxChain implements AutoCloseable {
  static final Duration GRACE = Duration.ofHours(1);
  static final Duration INACTIVITY = Duration.ofDays(30);

  final KeyedBroadcastOperatorTestHarness<String, JobSignal, Rules, CxFact> jobs;
  final KeyedBroadcastOperatorTestHarness<String, CxFact, Rules, CxMetrics> locations;
  private int forwarded;

  CxChain() throws Exception {
    jobs =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new JobCxFunction(GRACE, INACTIVITY), JobSignal::key, Types.STRING, CxPipeline.RULES);
    locations =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new LocationCxFunction(), CxFact::key, Types.STRING, CxPipeline.RULES);
    // As in the job: the rules hold no time back.
    jobs.processBroadcastWatermark(Long.MAX_VALUE);
    locations.processBroadcastWatermark(Long.MAX_VALUE);
  }

  void rules(Rules rules) throws Exception {
    jobs.processBroadcastElement(rules, Long.MIN_VALUE);
    locations.processBroadcastElement(rules, Long.MIN_VALUE);
  }

  void signal(JobSignal signal) throws Exception {
    jobs.processElement(signal, signal.at().toEpochMilli());
    forward();
  }

  /** A fact straight into the location function (a dead letter's path). */
  void fact(CxFact fact) throws Exception {
    locations.processElement(fact, fact.at().toEpochMilli());
  }

  void watermark(Instant at) throws Exception {
    jobs.processWatermark(at.toEpochMilli());
    forward();
    locations.processWatermark(at.toEpochMilli());
  }

  private void forward() throws Exception {
    List<CxFact> facts = jobs.extractOutputValues();
    for (CxFact fact : facts.subList(forwarded, facts.size())) {
      locations.processElement(fact, fact.at().toEpochMilli());
    }
    forwarded = facts.size();
  }

  List<CxFact> facts() {
    return jobs.extractOutputValues();
  }

  List<CxMetrics> metrics() {
    List<CxMetrics> out = new ArrayList<>();
    for (Object record : locations.getOutput()) {
      if (record instanceof StreamRecord<?> element) {
        out.add((CxMetrics) element.getValue());
      }
    }
    return out;
  }

  /** Keyed state entries over every key and state (heap backend, as in the harness). */
  static int keyedEntries(AbstractStreamOperatorTestHarness<?> harness) {
    return ((HeapKeyedStateBackend<?>)
            ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend())
        .numKeyValueStateEntries();
  }

  @Override
  public void close() throws Exception {
    jobs.close();
    locations.close();
  }
}
