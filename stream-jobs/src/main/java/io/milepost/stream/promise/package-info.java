/** Where a promise is judged: at risk (DELAY_RISK), and kept or broken once the job is done. */
package io.milepost.stream.promise;
