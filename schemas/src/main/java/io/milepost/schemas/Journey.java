package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * A kind of job and the ordered stages it moves through. The one place a journey's stages are
 * listed.
 */
public enum Journey {
  VEHICLE_SERVICE("vehicle-service"),
  DELIVERY("delivery");

  private final String wireName;

  /**
   * Filled on first use: {@link Stage}'s constants refer to this enum, so they cannot be read from
   * its constructor. Read on every ETA and deadline decision, so computed once.
   */
  private volatile List<Stage> stages;

  Journey(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The journey's stages in their natural order. */
  public List<Stage> stages() {
    List<Stage> known = stages;
    if (known == null) {
      known = Arrays.stream(Stage.values()).filter(stage -> stage.journey() == this).toList();
      stages = known;
    }
    return known;
  }

  @JsonCreator
  public static Journey fromWireName(String wireName) {
    for (Journey journey : values()) {
      if (journey.wireName.equals(wireName)) {
        return journey;
      }
    }
    throw new IllegalArgumentException("unknown journey '" + wireName + "'");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
