/**
 * Where a tenant's rules enter: records of the compacted {@code milepost.rules}, validated like
 * events (a bad one becomes a dead letter, never applied), then broadcast to every job.
 */
package io.milepost.stream.rules;
