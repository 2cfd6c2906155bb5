/**
 * Where an ETA is decided: the remaining expected durations of a job's stages ({@link
 * io.milepost.stream.eta.Eta}), each from a lookup ({@link
 * io.milepost.stream.eta.ExpectedDurations}) that gives the rules' SLA today and a learned duration
 * later.
 */
package io.milepost.stream.eta;
