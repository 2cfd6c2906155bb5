/**
 * Customer-facing English that more than one place says: why an ETA is what it is and what an open
 * alert means, rendered from codes ({@link io.milepost.schemas.Reason}, {@link
 * io.milepost.schemas.AlertKind}), for the SMS texts and the tracking page alike. English only,
 * until message bundles take over the words.
 */
package io.milepost.notifier.words;
