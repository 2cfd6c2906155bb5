package io.milepost.notifier.words;

import io.milepost.schemas.SmsSegments;
import java.util.Locale;

/**
 * A text ready to send.
 *
 * @param locale the language it was written in, after the fallbacks
 */
public record SmsBody(String text, Locale locale, SmsSegments.Length length) {}
