package io.milepost.notifier.ingest;

/** The tenant an API key belongs to: the principal of every /api request. */
public record ApiTenant(String tenantId) {}
