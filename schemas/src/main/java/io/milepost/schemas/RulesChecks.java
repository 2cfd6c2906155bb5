package io.milepost.schemas;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What rules.v1.json cannot say: each journey lists its own stages, once each, in journey order;
 * terminal stages have no SLA; SLAs and the silence limits are more than zero; durations fit a
 * {@link Duration}; time zones exist; a location is listed once.
 */
final class RulesChecks {
  private RulesChecks() {}

  static void check(JsonNode node, List<Violation> out) {
    for (Journey journey : Journey.values()) {
      checkJourney(node, journey, out);
    }
    // A threshold, tolerance or digest window of zero means "at once"; a silence of zero is none.
    checkDuration(node, "/etaChangeThreshold", false, out);
    checkDuration(node, "/promiseTolerance", false, out);
    checkDuration(node, "/digestWindow", false, out);
    checkDuration(node, "/silenceLimit", true, out);
    checkDuration(node, "/cxAlerts/silentJobLongerThan", true, out);
    checkLocations(node, out);
    WireCodec.checkCharacters(node, out);
  }

  private static void checkJourney(JsonNode node, Journey journey, List<Violation> out) {
    String base = "/journeys/" + journey.wireName() + "/stages";
    JsonNode stages = node.at(base);
    Set<Stage> seen = EnumSet.noneOf(Stage.class);
    int lastPosition = -1;
    for (int i = 0; i < stages.size(); i++) {
      String pointer = base + "/" + i + "/stage";
      Stage stage = stageAt(stages.get(i));
      if (stage == null) {
        continue; // not a stage at all: the schema says so
      }
      if (stage.journey() != journey) {
        out.add(
            new Violation(
                pointer,
                name(pointer)
                    + ": "
                    + stage
                    + " is not a stage of journey "
                    + journey
                    + "; expected one of "
                    + journey.stages()));
        continue;
      }
      if (!seen.add(stage)) {
        out.add(new Violation(pointer, name(pointer) + ": " + stage + " is listed twice"));
        continue;
      }
      if (stage.position() < lastPosition) {
        out.add(
            new Violation(
                pointer,
                name(pointer)
                    + ": "
                    + stage
                    + " is out of journey order; the order is "
                    + journey.stages()));
      }
      lastPosition = Math.max(lastPosition, stage.position());
      String slaPointer = base + "/" + i + "/sla";
      if (stage.terminal() && !node.at(slaPointer).isMissingNode()) {
        out.add(
            new Violation(
                slaPointer, name(slaPointer) + ": " + stage + " ends the job and has no SLA"));
      } else {
        checkDuration(node, slaPointer, true, out);
      }
    }
  }

  private static void checkDuration(
      JsonNode node, String pointer, boolean positive, List<Violation> out) {
    JsonNode value = node.at(pointer);
    if (!value.isString()) {
      return;
    }
    Duration duration;
    try {
      duration = Duration.parse(value.asString());
    } catch (DateTimeParseException | ArithmeticException e) {
      out.add(
          new Violation(
              pointer,
              name(pointer)
                  + ": '"
                  + value.asString()
                  + "' is not an ISO-8601 duration that fits"));
      return;
    }
    if (duration.isNegative()) {
      out.add(new Violation(pointer, name(pointer) + ": must not be negative"));
    } else if (positive && duration.isZero()) {
      out.add(new Violation(pointer, name(pointer) + ": must be more than zero"));
    }
  }

  private static void checkLocations(JsonNode node, List<Violation> out) {
    JsonNode locations = node.at("/locations");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < locations.size(); i++) {
      String base = "/locations/" + i;
      JsonNode location = locations.get(i);
      String id =
          location.path("locationId").isString() ? location.get("locationId").asString() : null;
      if (id != null && !ids.add(id)) {
        out.add(
            new Violation(
                base + "/locationId",
                name(base + "/locationId") + ": location '" + id + "' is listed twice"));
      }
      for (String field : List.of("/locationId", "/timeZone", "/name")) {
        JsonNode text = location.at(field);
        if (text.isString() && WireCodec.hasControlCharacter(text.asString())) {
          out.add(
              new Violation(
                  base + field,
                  name(base + field)
                      + ": must not contain control characters (U+0000–U+001F, U+007F)"));
        }
      }
      if (!location.path("timeZone").isString()) {
        continue;
      }
      String zone = location.get("timeZone").asString();
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        out.add(
            new Violation(
                base + "/timeZone",
                name(base + "/timeZone") + ": '" + zone + "' is not a known IANA time zone"));
      }
    }
  }

  private static Stage stageAt(JsonNode entry) {
    JsonNode stage = entry.path("stage");
    if (!stage.isString()) {
      return null;
    }
    try {
      return Stage.valueOf(stage.asString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String name(String pointer) {
    return WireCodec.fieldName(pointer);
  }
}
