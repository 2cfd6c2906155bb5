/** Where "nobody reported" is decided: a stage overrunning its SLA, a job gone silent. */
package io.milepost.stream.alerts;
