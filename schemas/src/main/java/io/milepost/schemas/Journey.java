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

  Journey(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The journey's stages in their natural order. */
  public List<Stage> stages() {
    return Arrays.stream(Stage.values()).filter(stage -> stage.journey() == this).toList();
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
