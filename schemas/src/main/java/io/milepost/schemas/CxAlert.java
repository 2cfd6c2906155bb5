package io.milepost.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A CX alert: a location's metric crossed a rule's threshold.
 *
 * @param threshold seconds for {@link CxAlertCode#JOB_SILENT_TOO_LONG}, a count for {@link
 *     CxAlertCode#PROMISES_BROKEN_TODAY}
 * @param value the metric when it crossed, in the threshold's unit
 * @param jobId the job that caused it, or null
 * @param at event time of the crossing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CxAlert(CxAlertCode code, long threshold, long value, String jobId, Instant at) {}
