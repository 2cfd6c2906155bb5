/**
 * Where an ETA is decided: what is left of a job's current stage and what each stage ahead is
 * expected to add ({@link io.milepost.stream.eta.Eta}), each from a lookup ({@link
 * io.milepost.stream.eta.ExpectedDurations}) that gives what was learned at the job's location
 * ({@link io.milepost.stream.eta.StageStats}, learned in {@code io.milepost.stream.learning}) or
 * the rules' SLA.
 */
package io.milepost.stream.eta;
