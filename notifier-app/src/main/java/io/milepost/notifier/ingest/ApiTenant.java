package io.milepost.notifier.ingest;

/**
 * The principal of every /api request: the tenant an API key belongs to, and which key it was.
 *
 * @param keyId names the key without revealing it ({@code api-key:} and the first 12 hex digits of
 *     its SHA-256, as stored in {@code api_keys.key_hash}): who changed something, for audit rows
 */
public record ApiTenant(String tenantId, String keyId) {}
