package io.milepost.notifier.ops;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Rules;
import io.milepost.schemas.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a rules change changed, as a person reads it: each value the engine runs on (the defaults
 * where the tenant set none) that differs, before and after. A change from the defaults compares
 * with {@link Rules#defaults}.
 */
final class RulesDiff {
  /**
   * A value as shown: either text as it is (a length of time, a number) or a key of the bundles.
   */
  record Value(String text, String key) {
    static Value text(String text) {
      return new Value(text, null);
    }

    static Value word(String key) {
      return new Value(null, key);
    }
  }

  /**
   * One changed value.
   *
   * @param labelKey the setting's name in pages/ops*.properties
   * @param stage the stage it belongs to, or null
   */
  record Change(String labelKey, Stage stage, Value before, Value after) {}

  private RulesDiff() {}

  static List<Change> between(Rules before, Rules after) {
    Rules was = before == null ? Rules.defaults(after.tenantId()) : before;
    Map<List<Object>, Value> old = flatten(was);
    Map<List<Object>, Value> now = flatten(after);
    Set<List<Object>> keys = new LinkedHashSet<>(now.keySet());
    keys.addAll(old.keySet());
    List<Change> changes = new ArrayList<>();
    for (List<Object> key : keys) {
      Value a = old.get(key);
      Value b = now.get(key);
      if (!Objects.equals(a, b)) {
        changes.add(
            new Change(
                (String) key.get(0),
                (Stage) key.get(1),
                a == null ? Value.word("ops.rules.absent") : a,
                b == null ? Value.word("ops.rules.absent") : b));
      }
    }
    return changes;
  }

  private static Map<List<Object>, Value> flatten(Rules rules) {
    Map<List<Object>, Value> values = new LinkedHashMap<>();
    put(values, "ops.rules.etaChangeThreshold", null, duration(rules.etaChangeThreshold()));
    put(values, "ops.rules.promiseTolerance", null, duration(rules.promiseTolerance()));
    put(values, "ops.rules.silenceLimit", null, duration(rules.silenceLimit()));
    put(values, "ops.rules.digestWindow", null, duration(rules.digestWindow()));
    put(values, "ops.rules.overrunFactor", null, Value.text(String.valueOf(rules.overrunFactor())));
    put(values, "ops.rules.cxSilentJobLongerThan", null, duration(rules.cxSilentJobLongerThan()));
    put(
        values,
        "ops.rules.cxPromisesBrokenPerDay",
        null,
        Value.text(String.valueOf(rules.cxPromisesBrokenPerDay())));
    for (Journey journey : Journey.values()) {
      for (Stage stage : rules.stages(journey)) {
        rules
            .sla(journey, stage)
            .ifPresent(sla -> put(values, "ops.rules.sla", stage, duration(sla)));
        put(
            values,
            "ops.rules.notify",
            stage,
            Value.word(rules.notifiesCustomer(stage) ? "ops.yes" : "ops.no"));
        if (!stage.terminal()) {
          put(
              values,
              "ops.rules.waitsOn",
              stage,
              Value.word(
                  rules.waitsOnBusiness(stage)
                      ? "ops.rules.waitsOn.BUSINESS"
                      : "ops.rules.waitsOn.CUSTOMER"));
        }
      }
    }
    return values;
  }

  private static Value duration(java.time.Duration duration) {
    return Value.text(FormDurations.format(duration));
  }

  private static void put(Map<List<Object>, Value> values, String label, Stage stage, Value v) {
    List<Object> key = new ArrayList<>();
    key.add(label);
    key.add(stage);
    values.put(key, v);
  }
}
