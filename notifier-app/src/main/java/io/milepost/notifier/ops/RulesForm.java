package io.milepost.notifier.ops;

import io.milepost.schemas.InvalidPayloadException;
import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import io.milepost.schemas.Violation;
import io.milepost.schemas.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules form: what it shows for a tenant's rules, and the rules a submitted form proposes. The
 * form holds every value the engine runs on (the defaults written out where the tenant set none),
 * so a saved form is the whole rules; what the form does not edit (locations) is kept as it was. A
 * value that cannot be read is an error on its field; what reads is then checked exactly as the
 * rules API checks it ({@link WireCodec#RULES}), each violation shown on its field.
 */
final class RulesForm {
  static final String REVISION = "revision";
  static final String ETA_CHANGE_THRESHOLD = "etaChangeThreshold";
  static final String PROMISE_TOLERANCE = "promiseTolerance";
  static final String SILENCE_LIMIT = "silenceLimit";
  static final String DIGEST_WINDOW = "digestWindow";
  static final String OVERRUN_FACTOR = "overrunFactor";
  static final String CX_SILENT = "cxSilentJobLongerThan";
  static final String CX_BROKEN = "cxPromisesBrokenPerDay";

  /** The error on a field: a key of pages/ops*.properties. */
  record FieldError(String key) {}

  /** What the form read: the proposed rules when there is no error. */
  record Result(Rules proposed, OptionalLong expectedRevision, Map<String, FieldError> errors) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  private RulesForm() {}

  static String sla(Stage stage) {
    return "sla." + stage.name();
  }

  static String notify(Stage stage) {
    return "notify." + stage.name();
  }

  static String waitsOn(Stage stage) {
    return "waitsOn." + stage.name();
  }

  /** The form's fields for {@code rules}, by name: what the page shows in its inputs. */
  static Map<String, String> values(Rules rules) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(REVISION, String.valueOf(rules.revisionOrZero()));
    values.put(ETA_CHANGE_THRESHOLD, FormDurations.format(rules.etaChangeThreshold()));
    values.put(PROMISE_TOLERANCE, FormDurations.format(rules.promiseTolerance()));
    values.put(SILENCE_LIMIT, FormDurations.format(rules.silenceLimit()));
    values.put(DIGEST_WINDOW, FormDurations.format(rules.digestWindow()));
    values.put(OVERRUN_FACTOR, String.valueOf(rules.overrunFactor()));
    values.put(CX_SILENT, FormDurations.format(rules.cxSilentJobLongerThan()));
    values.put(CX_BROKEN, String.valueOf(rules.cxPromisesBrokenPerDay()));
    for (Journey journey : Journey.values()) {
      for (Stage stage : rules.stages(journey)) {
        rules
            .sla(journey, stage)
            .ifPresent(sla -> values.put(sla(stage), FormDurations.format(sla)));
        values.put(notify(stage), String.valueOf(rules.notifiesCustomer(stage)));
        if (!stage.terminal()) {
          values.put(
              waitsOn(stage),
              (rules.waitsOnBusiness(stage) ? Rules.WaitsOn.BUSINESS : Rules.WaitsOn.CUSTOMER)
                  .name());
        }
      }
    }
    return values;
  }

  /**
   * Reads a submitted form against the tenant's {@code current} rules (their stages and locations
   * are kept). A checkbox left unticked is absent from the form: that stage does not notify.
   */
  static Result read(Map<String, String> form, Rules current) {
    Map<String, FieldError> errors = new LinkedHashMap<>();
    String eta = duration(form, ETA_CHANGE_THRESHOLD, false, errors);
    String tolerance = duration(form, PROMISE_TOLERANCE, false, errors);
    String silence = duration(form, SILENCE_LIMIT, true, errors);
    String digest = duration(form, DIGEST_WINDOW, false, errors);
    String cxSilent = duration(form, CX_SILENT, true, errors);
    Double factor = overrunFactor(form.get(OVERRUN_FACTOR), errors);
    Integer broken = count(form.get(CX_BROKEN), errors);
    List<Rules.StageRule> vehicle = stages(form, current, Journey.VEHICLE_SERVICE, errors);
    List<Rules.StageRule> delivery = stages(form, current, Journey.DELIVERY, errors);
    OptionalLong expected = revision(form.get(REVISION));
    if (!errors.isEmpty()) {
      return new Result(null, expected, errors);
    }
    Rules proposed =
        new Rules(
            current.tenantId(),
            null,
            null,
            eta,
            tolerance,
            factor,
            silence,
            digest,
            new Rules.Journeys(new Rules.JourneyRules(vehicle), new Rules.JourneyRules(delivery)),
            current.locations(),
            new Rules.CxAlerts(cxSilent, broken));
    // The API's own checks, on exactly what would be stored.
    try {
      WireCodec.RULES.decode(WireCodec.RULES.encode(proposed));
    } catch (InvalidPayloadException e) {
      for (Violation violation : e.violations()) {
        errors.putIfAbsent(
            field(violation.field(), proposed), new FieldError("ops.rules.error.invalid"));
      }
      return new Result(null, expected, errors);
    }
    return new Result(proposed, expected, errors);
  }

  /** The form field a JSON pointer of the rules names; "form" when no one field does. */
  static String field(String pointer, Rules proposed) {
    switch (pointer) {
      case "/etaChangeThreshold":
        return ETA_CHANGE_THRESHOLD;
      case "/promiseTolerance":
        return PROMISE_TOLERANCE;
      case "/silenceLimit":
        return SILENCE_LIMIT;
      case "/digestWindow":
        return DIGEST_WINDOW;
      case "/overrunFactor":
        return OVERRUN_FACTOR;
      case "/cxAlerts/silentJobLongerThan":
        return CX_SILENT;
      case "/cxAlerts/promisesBrokenPerDay":
        return CX_BROKEN;
      default:
        break;
    }
    for (Journey journey : Journey.values()) {
      String base = "/journeys/" + journey.wireName() + "/stages/";
      if (pointer.startsWith(base)) {
        String[] rest = pointer.substring(base.length()).split("/");
        try {
          Rules.StageRule rule =
              proposed.journeys().of(journey).stages().get(Integer.parseInt(rest[0]));
          String leaf = rest.length > 1 ? rest[1] : "sla";
          return switch (leaf) {
            case "notifyCustomer" -> notify(rule.stage());
            case "waitsOn" -> waitsOn(rule.stage());
            default -> sla(rule.stage());
          };
        } catch (RuntimeException e) {
          return "form";
        }
      }
    }
    return "form";
  }

  private static List<Rules.StageRule> stages(
      Map<String, String> form, Rules current, Journey journey, Map<String, FieldError> errors) {
    List<Rules.StageRule> rules = new ArrayList<>();
    for (Stage stage : current.stages(journey)) {
      String sla = stage.terminal() ? null : duration(form, sla(stage), true, errors);
      Rules.WaitsOn waits = null;
      if (!stage.terminal()) {
        String chosen = form.get(waitsOn(stage));
        try {
          waits = Rules.WaitsOn.valueOf(chosen == null ? "" : chosen.strip());
        } catch (IllegalArgumentException e) {
          errors.put(waitsOn(stage), new FieldError("ops.rules.error.choice"));
        }
      }
      boolean notify = isTicked(form.get(notify(stage)));
      rules.add(new Rules.StageRule(stage, sla, waits, notify));
    }
    return rules;
  }

  private static boolean isTicked(String value) {
    return value != null && (value.equals("on") || value.equals("true"));
  }

  /** The field as ISO-8601, or null with an error on the field. */
  private static String duration(
      Map<String, String> form, String field, boolean positive, Map<String, FieldError> errors) {
    Optional<Duration> parsed = FormDurations.parse(form.get(field));
    if (parsed.isEmpty()) {
      errors.put(field, new FieldError("ops.rules.error.duration"));
      return null;
    }
    if (positive && parsed.get().isZero()) {
      errors.put(field, new FieldError("ops.rules.error.positive"));
      return null;
    }
    return FormDurations.iso(parsed.get());
  }

  private static Double overrunFactor(String text, Map<String, FieldError> errors) {
    try {
      double factor = Double.parseDouble(text == null ? "" : text.strip().replace(',', '.'));
      if (Double.isFinite(factor) && factor > 1) {
        return factor;
      }
    } catch (NumberFormatException e) {
      // below
    }
    errors.put(OVERRUN_FACTOR, new FieldError("ops.rules.error.factor"));
    return null;
  }

  private static Integer count(String text, Map<String, FieldError> errors) {
    try {
      int count = Integer.parseInt(text == null ? "" : text.strip());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // below
    }
    errors.put(CX_BROKEN, new FieldError("ops.rules.error.count"));
    return null;
  }

  private static OptionalLong revision(String text) {
    try {
      return text == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
