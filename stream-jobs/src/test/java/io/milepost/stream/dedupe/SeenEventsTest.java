package io.milepost.stream.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeenEventsTest {
  @Test
  void forgetsNothingWithinTheLimit() {
    Map<String, Long> seen = Map.of("a", 1L, "b", 2L);

    assertThat(SeenEvents.overflow(seen.entrySet(), 2)).isEmpty();
  }

  @Test
  void forgetsTheEventsThatOccurredFirstBeyondTheLimit() {
    Map<String, Long> seen = new LinkedHashMap<>();
    seen.put("newest", 30L);
    seen.put("oldest", 10L);
    seen.put("middle", 20L);
    seen.put("older", 15L);

    assertThat(SeenEvents.overflow(seen.entrySet(), 2)).containsExactly("oldest", "older");
  }

  @Test
  void breaksTiesByIdSoEveryReplicaForgetsTheSame() {
    Map<String, Long> seen = new LinkedHashMap<>();
    seen.put("b", 10L);
    seen.put("a", 10L);
    seen.put("c", 10L);

    assertThat(SeenEvents.overflow(seen.entrySet(), 2)).containsExactly("a");
  }
}
