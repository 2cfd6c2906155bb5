/**
 * CX metrics: how customers are served, per tenant and location, from what the job operator already
 * emits (intents, board updates) and the dead letters of validation. {@link JobCxFunction} (keyed
 * by job) turns a job's signals into facts; {@link LocationCxFunction} (keyed by location) counts
 * them in 1-minute event-time windows and local days and raises CX alerts; {@link CxPipeline} wires
 * both. Decisions are pure: {@link Measures}, {@link CxAlerts}.
 */
package io.milepost.stream.metrics;
