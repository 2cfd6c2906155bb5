package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.metrics.CxDay;
import io.milepost.stream.metrics.CxFact;
import io.milepost.stream.metrics.JobCx;
import io.milepost.stream.metrics.JobSignal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The wire records the job keeps in state or sends between operators are Flink POJOs, serialised
 * without Kryo: the job runs with {@code pipeline.generic-types=false}, where a record Flink could
 * only hand to Kryo fails at submission.
 */
class WireRecordsSerializeWithoutKryoTest {
  private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void rulesRoundTripAsAPojoWithGenericTypesOff() throws Exception {
    Rules rules =
        new Rules(
            "acme-motors",
            3L,
            AT,
            "PT20M",
            null,
            1.25,
            null,
            "PT5M",
            new Rules.Journeys(
                new Rules.JourneyRules(
                    List.of(
                        new Rules.StageRule(
                            Stage.CHECKED_IN, "PT10M", Rules.WaitsOn.BUSINESS, true),
                        new Rules.StageRule(Stage.COLLECTED, null, null, null))),
                null),
            List.of(new Rules.Location("springfield", "America/Chicago", "Springfield")),
            new Rules.CxAlerts(null, 5));

    assertThat(roundTrip(Rules.class, rules)).isEqualTo(rules);
    assertThat(roundTrip(Rules.class, Rules.defaults("swift-parcels")))
        .isEqualTo(Rules.defaults("swift-parcels"));
  }

  @Test
  void intentsWithReasonAndStagesPassedRoundTripAsAPojo() throws Exception {
    Intent intent =
        new Intent(
            "acme-motors/RO-1/DELAY_RISK/1/1",
            IntentKind.DELAY_RISK,
            "acme-motors",
            "springfield",
            "RO-1",
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            Stage.WAITING_FOR_PARTS,
            5,
            1L,
            1,
            AT,
            AT.plusSeconds(7200),
            AT.plusSeconds(3600),
            null,
            null,
            "e-9",
            new Reason(ReasonCode.TYPICAL_DURATION, Stage.IN_REPAIR, 180, 12),
            List.of(Stage.DIAGNOSING, Stage.WAITING_FOR_PARTS));

    assertThat(roundTrip(Intent.class, intent)).isEqualTo(intent);
  }

  @Test
  void boardUpdatesWithAlertsRoundTripAsAPojo() throws Exception {
    BoardUpdate update =
        new BoardUpdate(
            "acme-motors",
            "springfield",
            "RO-1",
            Journey.VEHICLE_SERVICE,
            Stage.IN_REPAIR,
            5,
            1L,
            AT,
            AT.plusSeconds(7200),
            null,
            null,
            List.of(new TimelineEntry(Stage.IN_REPAIR, AT)),
            Reason.of(ReasonCode.PRODUCER_ETA),
            List.of(new Alert(AlertKind.SILENCE, Stage.IN_REPAIR, AT.plusSeconds(7200), 1)),
            true);

    assertThat(roundTrip(BoardUpdate.class, update)).isEqualTo(update);
  }

  @Test
  void cxMetricsAndWhatTheCxOperatorsSendAndKeepRoundTripAsPojos() throws Exception {
    CxMeasures measures = new CxMeasures(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    CxMetrics window =
        CxMetrics.window("acme-motors", "springfield", AT, AT.plusSeconds(60), measures);
    CxMetrics day =
        CxMetrics.day(
            "acme-motors",
            "springfield",
            AT,
            AT.plusSeconds(86400),
            "2026-11-24",
            "America/Chicago",
            measures);
    CxMetrics alert =
        CxMetrics.alert(
            "acme-motors",
            "springfield",
            new CxAlert(CxAlertCode.PROMISES_BROKEN_TODAY, 3, 4, "RO-1", AT));
    assertThat(roundTrip(CxMetrics.class, window)).isEqualTo(window);
    assertThat(roundTrip(CxMetrics.class, day)).isEqualTo(day);
    assertThat(roundTrip(CxMetrics.class, alert)).isEqualTo(alert);

    CxFact fact =
        new CxFact("acme-motors", "springfield", CxFact.Kind.JOB_SILENT, AT, 7200, "RO-1");
    assertThat(roundTrip(CxFact.class, fact)).isEqualTo(fact);
    JobSignal signal =
        new JobSignal(
            "acme-motors",
            "springfield",
            "RO-1",
            1,
            IntentKind.SILENCE,
            Stage.IN_REPAIR,
            AT,
            AT,
            false,
            AT);
    assertThat(roundTrip(JobSignal.class, signal)).isEqualTo(signal);

    JobCx job = new JobCx();
    job.stage = Stage.IN_REPAIR;
    job.lastEventAt = AT;
    job.updates = 3;
    assertThat(roundTrip(JobCx.class, job)).usingRecursiveComparison().isEqualTo(job);
    CxDay cxDay = new CxDay();
    cxDay.day = "2026-11-24";
    cxDay.start = AT;
    cxDay.measures = measures;
    cxDay.promisesAlerted = true;
    assertThat(roundTrip(CxDay.class, cxDay)).usingRecursiveComparison().isEqualTo(cxDay);
  }

  private static <T> T roundTrip(Class<T> type, T value) throws Exception {
    TypeInformation<T> info = TypeInformation.of(type);
    assertThat(info)
        .as("%s type information", type.getSimpleName())
        .isInstanceOf(PojoTypeInfo.class);
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    // Fails here if any field, however deep, would need Kryo.
    TypeSerializer<T> serializer = info.createSerializer(config);
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
