package io.milepost.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.Alert;
import io.milepost.schemas.AlertKind;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.Intent;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.ReasonCode;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.eta.StageStats;
import io.milepost.stream.learning.LearnedSample;
import io.milepost.stream.learning.Learning;
import io.milepost.stream.learning.Passages;
import io.milepost.stream.learning.StagePassage;
import io.milepost.stream.progress.Shared;
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
            List.of(new Alert(AlertKind.SILENCE, Stage.IN_REPAIR, AT.plusSeconds(7200), 1)));

    assertThat(roundTrip(BoardUpdate.class, update)).isEqualTo(update);
  }

  @Test
  void learnedStatsPassagesAndTheLearnersStateRoundTripAsPojosWithGenericTypesOff()
      throws Exception {
    StageStats stats =
        new StageStats(
            "acme-motors",
            "springfield",
            Journey.VEHICLE_SERVICE,
            Stage.WAITING_FOR_PARTS,
            7_200_000L,
            0.25,
            50,
            200);
    assertThat(roundTrip(StageStats.class, stats)).isEqualTo(stats);
    assertThat(roundTrip(Shared.class, Shared.of(stats))).isEqualTo(Shared.of(stats));
    Shared rules = Shared.of(Rules.defaults("acme-motors"));
    assertThat(roundTrip(Shared.class, rules)).isEqualTo(rules);
    StagePassage skipped =
        new StagePassage(
            "acme-motors", "springfield", Journey.VEHICLE_SERVICE, Stage.WAITING_FOR_PARTS, null);
    assertThat(roundTrip(StagePassage.class, skipped)).isEqualTo(skipped);
    Passages.Position position =
        new Passages.Position(
            Journey.DELIVERY, Stage.IN_TRANSIT, "depot-1", AT, AT.plusSeconds(60));
    assertThat(roundTrip(Passages.Position.class, position)).isEqualTo(position);

    LearnedSample sample = new LearnedSample();
    sample.tenantId = "acme-motors";
    sample.locationId = "springfield";
    sample.journey = Journey.VEHICLE_SERVICE;
    sample.stage = Stage.IN_REPAIR;
    Learning.add(
        sample,
        new StagePassage(
            "acme-motors", "springfield", Journey.VEHICLE_SERVICE, Stage.IN_REPAIR, 60_000L),
        4);
    LearnedSample back = roundTrip(LearnedSample.class, sample);
    assertThat(back.window).containsExactly(sample.window);
    assertThat(Learning.stats(back, 50)).isEqualTo(Learning.stats(sample, 50));
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
