package io.milepost.notifier.job;

/**
 * One job instance (one use of a job id), as a key: what its contact, its memory of what was told
 * and its messages belong to.
 */
public record InstanceKey(String tenantId, String jobId, long instance) {}
