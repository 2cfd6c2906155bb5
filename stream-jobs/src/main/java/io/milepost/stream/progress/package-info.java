/**
 * Where each stage rule is decided: the per-job state ({@link
 * io.milepost.stream.progress.JobProgress}), the pure rules ({@link
 * io.milepost.stream.progress.Progression}) and the keyed function that applies them.
 */
package io.milepost.stream.progress;
