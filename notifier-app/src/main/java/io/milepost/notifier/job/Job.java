package io.milepost.notifier.job;

import io.milepost.schemas.Journey;
import io.milepost.schemas.Stage;
import io.milepost.schemas.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** What the notifier knows of one job: the latest board state plus its tracking token. */
public record Job(
    String tenantId,
    String jobId,
    String locationId,
    Journey journey,
    Stage stage,
    long version,
    List<TimelineEntry> timeline,
    Instant etaAt,
    Instant promisedAt,
    String note,
    String trackingToken,
    Instant updatedAt) {}
