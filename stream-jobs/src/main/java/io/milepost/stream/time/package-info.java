/**
 * Event time: how the job's clock (the watermark) follows events with traffic, and the wall clock
 * when every input is quiet.
 */
package io.milepost.stream.time;
