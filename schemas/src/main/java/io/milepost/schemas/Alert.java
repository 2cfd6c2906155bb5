package io.milepost.schemas;

import java.time.Instant;

/**
 * An alert open on a job now, as its board update carries it.
 *
 * @param stage the stage the job was in when the alert opened
 * @param since when it opened (event time)
 * @param occurrence the intent's occurrence of the same kind within the job instance
 */
public record Alert(AlertKind kind, Stage stage, Instant since, int occurrence) {}
