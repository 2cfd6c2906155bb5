/** What both Kafka listeners share: where unreadable records go, how failures are retried. */
package io.milepost.notifier.kafka;
