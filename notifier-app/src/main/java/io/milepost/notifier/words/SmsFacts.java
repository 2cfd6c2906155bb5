package io.milepost.notifier.words;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Reason;
import io.milepost.schemas.Stage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a text may say, as plain values: nothing here depends on where the customer or the job is
 * stored. Any of them may be null when unknown.
 *
 * @param business the tenant's name as customers know it
 * @param customerName the customer's name
 * @param note the event's note for the customer
 * @param trackingUrl the tracking link, only on a job's first text
 * @param stagesPassed stages a digest collapsed, oldest first, before {@code stage}
 * @param zone where the customer reads the time; UTC (and said so) when null
 * @param now when this is said: a time on another day there names the day
 */
public record SmsFacts(
    String business,
    String customerName,
    String note,
    String trackingUrl,
    Journey journey,
    Stage stage,
    List<Stage> stagesPassed,
    Instant etaAt,
    Instant promisedAt,
    Reason reason,
    ZoneId zone,
    Instant now) {

  public SmsFacts {
    stagesPassed = stagesPassed == null ? List.of() : List.copyOf(stagesPassed);
  }

  /** The same facts without the event's note: a catch-up text tells where the job is, no more. */
  public SmsFacts withoutNote() {
    return new SmsFacts(
        business,
        customerName,
        null,
        trackingUrl,
        journey,
        stage,
        stagesPassed,
        etaAt,
        promisedAt,
        reason,
        zone,
        now);
  }

  /** The same facts with the link of a first text, or without any (null). */
  public SmsFacts withTrackingUrl(String url) {
    return new SmsFacts(
        business,
        customerName,
        note,
        url,
        journey,
        stage,
        stagesPassed,
        etaAt,
        promisedAt,
        reason,
        zone,
        now);
  }
}
