/**
 * Where expected durations are learned, upstream of the job operator: when a job leaves a stage
 * ({@link io.milepost.stream.learning.Passages}, kept per job by {@link
 * io.milepost.stream.learning.StagePassagesFunction}), the passage goes to {@link
 * io.milepost.stream.learning.DurationLearner}, keyed by tenant, location, journey and stage, which
 * keeps the latest passages ({@link io.milepost.stream.learning.Learning}) and publishes their
 * percentile and share when they change materially; the job operator receives them by broadcast.
 */
package io.milepost.stream.learning;
