package io.milepost.schemas;

import java.time.Instant;

/** When a job entered a stage. */
public record TimelineEntry(Stage stage, Instant enteredAt) {}
