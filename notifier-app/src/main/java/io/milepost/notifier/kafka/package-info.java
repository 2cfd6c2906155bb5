/**
 * What both Kafka listeners share: a poll stored in one transaction ({@link
 * io.milepost.notifier.kafka.RecordBatches}), poison told from infrastructure trouble ({@link
 * io.milepost.notifier.kafka.Failures}), poison set aside with its reason, infrastructure retried
 * without limit with only its partition paused, and readiness when a record retries too long.
 */
package io.milepost.notifier.kafka;
