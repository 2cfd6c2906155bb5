package io.milepost.simulator;

import java.util.List;

/** A site of a tenant: where jobs happen, its time zone, and its customers' area codes. */
record Location(String id, String timeZone, List<String> areaCodes) {}
