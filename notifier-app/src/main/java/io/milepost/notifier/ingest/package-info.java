/**
 * The operator API under /api/v1: where events enter over HTTP ({@link
 * io.milepost.notifier.ingest.EventsController}), jobs and their tracking links, API keys.
 */
package io.milepost.notifier.ingest;
