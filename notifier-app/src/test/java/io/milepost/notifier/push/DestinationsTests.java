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

  @Test
  void patternsTheBrokerWouldMatchAgainstManyDestinationsAreNoDestination() {
    for (String pattern :
        new String[] {
          "/topic/track/*",
          "/topic/track/**",
          "/topic/track/ab?d",
          "/topic/track/{token}",
          "/topic/board/acme/*",
          "/topic/board/*/springfield",
          "/topic/board/acme/spring?ield",
          "/topic/board/acme/{location}"
        }) {
      assertThat(Destinations.isPattern(pattern)).as(pattern).isTrue();
      assertThat(Destinations.trackingToken(pattern)).as(pattern).isEmpty();
      assertThat(Destinations.boardScope(pattern)).as(pattern).isEmpty();
    }
    assertThat(Destinations.isPattern(Destinations.board("acme", "springfield"))).isFalse();
    assertThat(Destinations.isPattern(Destinations.tracking("Xy-_09abc"))).isFalse();
  }
}
