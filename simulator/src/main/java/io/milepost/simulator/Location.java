package io.milepost.simulator;

import java.util.List;

/**
 * A site of a tenant: where jobs happen, its IANA time zone, its customers' area codes, and how
 * fast it works ({@link Timing}: 1 is the reference shop, 1.6 takes 1.6 times as long).
 */
record Location(String id, String timeZone, List<String> areaCodes, double pace) {}
