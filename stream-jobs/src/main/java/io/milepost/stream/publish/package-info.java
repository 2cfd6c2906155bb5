/** How intents and board updates are written to Kafka: keyed by job, in their wire format. */
package io.milepost.stream.publish;
