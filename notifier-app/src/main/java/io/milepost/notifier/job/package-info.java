/**
 * Jobs as the notifier stores them: one row per use of a job id (a job instance), each with its own
 * tracking token; {@code InstanceRule} decides which use a message is about.
 */
package io.milepost.notifier.job;
