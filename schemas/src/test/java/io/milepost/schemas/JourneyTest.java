package io.milepost.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JourneyTest {

  @Test
  void vehicleServiceStagesAreInWorkshopOrder() {
    assertThat(Journey.VEHICLE_SERVICE.stages())
        .containsExactly(
            Stage.CHECKED_IN,
            Stage.DIAGNOSING,
            Stage.AWAITING_APPROVAL,
            Stage.WAITING_FOR_PARTS,
            Stage.IN_REPAIR,
            Stage.QUALITY_CHECK,
            Stage.READY_FOR_PICKUP,
            Stage.COLLECTED);
  }

  @Test
  void deliveryStagesAreInRouteOrder() {
    assertThat(Journey.DELIVERY.stages())
        .containsExactly(
            Stage.CREATED,
            Stage.PICKED_UP,
            Stage.IN_TRANSIT,
            Stage.OUT_FOR_DELIVERY,
            Stage.DELIVERED,
            Stage.DELIVERY_FAILED,
            Stage.RETURNED);
  }

  @Test
  void positionsCountFromZeroWithinEachJourney() {
    assertThat(Stage.CHECKED_IN.position()).isZero();
    assertThat(Stage.CREATED.position()).isZero();
    assertThat(Stage.COLLECTED.position()).isEqualTo(7);
    assertThat(Stage.OUT_FOR_DELIVERY.position()).isEqualTo(3);
  }

  @Test
  void wireNamesRoundTrip() {
    for (Journey journey : Journey.values()) {
      assertThat(Journey.fromWireName(journey.wireName())).isEqualTo(journey);
    }
  }
}
