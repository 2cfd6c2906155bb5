/**
 * Tenants' rules for the progress engine (SLAs, tolerances, silence limit, digest window, which
 * stages notify, locations): read and changed through {@code GET}/{@code PUT /api/v1/rules} ({@link
 * io.milepost.notifier.rules.RulesController}), stored with an audit row in PostgreSQL ({@link
 * io.milepost.notifier.rules.RulesStore}) and published to the compacted {@code milepost.rules}
 * ({@link io.milepost.notifier.rules.RulesPublisher}), which the stream job reads as broadcast
 * state. A stored revision always reaches Kafka: what a PUT could not publish, a sweep does.
 */
package io.milepost.notifier.rules;
