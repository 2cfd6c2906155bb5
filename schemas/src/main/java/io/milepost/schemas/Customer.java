package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Personal data of the person to notify. Travels once, from the first event of a job to the
 * notifier's database; the stream job never keeps it in state.
 *
 * @param phone E.164, e.g. +14155550123
 * @param locale BCP 47 language tag, e.g. en-US
 * @param timeZone IANA zone, e.g. America/Chicago
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(String name, String phone, String locale, String timeZone) {}
