/**
 * The ops console at {@code /ops}, for OPS and ADMIN people, always of their own tenant: CX metrics
 * per location as charts and CX alerts ({@link io.milepost.notifier.ops.CxMetricsListener} keeps
 * {@code milepost.cx-metrics} in PostgreSQL), the rules form with its audit (through {@link
 * io.milepost.notifier.rules.TenantRules}, as the rules API), the templates editor with previews in
 * both languages (through {@link io.milepost.notifier.words.TemplateEditing}), the message log, and
 * the records set aside: the notifier's own and the stream job's dead letters ({@link
 * io.milepost.notifier.ops.DeadLetterListener}).
 */
package io.milepost.notifier.ops;
