/**
 * Where an intent enters ({@link io.milepost.notifier.intent.IntentListener}) and becomes an outbox
 * row, exactly once ({@link io.milepost.notifier.intent.IntentRecorder}).
 */
package io.milepost.notifier.intent;
