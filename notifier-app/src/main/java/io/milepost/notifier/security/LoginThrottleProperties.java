package io.milepost.notifier.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong passwords are allowed before logins are refused for a while.
 *
 * @param perUsername wrong passwords for one username per window
 * @param perAddress wrong passwords from one client address per window (any usernames)
 * @param window the time in which the buckets refill completely
 */
@ConfigurationProperties("milepost.login")
record LoginThrottleProperties(
    @DefaultValue("5") int perUsername,
    @DefaultValue("20") int perAddress,
    @DefaultValue("PT1M") Duration window) {}
