package io.milepost.notifier.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestinationsTests {

  @Test
  void destinationsRoundTrip() {
    assertThat(Destinations.trackingToken(Destinations.tracking("abc"))).hasValue("abc");
    assertThat(Destinations.boardScope(Destinations.board("acme", "springfield")))
        .hasValue(new Destinations.BoardScope("acme", "springfield"));
  }

  @Test
  void wildcardsAndExtraSegmentsAreNotDestinationsOfOneJobOrBoard() {
    assertThat(Destinations.trackingToken("/topic/track/")).isEmpty();
    assertThat(Destinations.trackingToken("/topic/track/a/b")).isEmpty();
    assertThat(Destinations.boardScope("/topic/board/acme")).isEmpty();
    assertThat(Destinations.boardScope("/topic/board/acme/x/y")).isEmpty();
    assertThat(Destinations.boardScope("/topic/board//x")).isEmpty();
  }
}
