package io.milepost.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CxAlert;
import io.milepost.schemas.CxAlertCode;
import io.milepost.schemas.CxMeasures;
import io.milepost.schemas.CxMetrics;
import io.milepost.schemas.IntentKind;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import io.milepost.stream.progress.Heartbeat;
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
 * What the CX operators send, keep and write are Flink POJOs, serialised without Kryo (the job runs
 * with {@code pipeline.generic-types=false}), as {@code WireRecordsSerializeWithoutKryoTest} checks
 * for the other wire records.
 */
class CxRecordsSerializeWithoutKryoTest {
  private static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void aBoardUpdateWithPromiseKeptRoundTripsAsAPojo() throws Exception {
    BoardUpdate update =
        new BoardUpdate(
            "acme-motors",
            "springfield",
            "RO-1",
            Journey.VEHICLE_SERVICE,
            Stage.READY_FOR_PICKUP,
            5,
            1L,
            AT,
            AT,
            AT.plusSeconds(3600),
            null,
            List.of(new TimelineEntry(Stage.READY_FOR_PICKUP, AT)),
            null,
            null,
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
    Heartbeat heartbeat =
        new Heartbeat("acme-motors", "springfield", "RO-1", 7, Stage.IN_REPAIR, AT);
    assertThat(roundTrip(Heartbeat.class, heartbeat)).isEqualTo(heartbeat);

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
