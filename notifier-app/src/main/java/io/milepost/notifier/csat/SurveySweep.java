package io.milepost.notifier.csat;

import io.milepost.notifier.kafka.Sweep;
import io.milepost.notifier.sms.SmsDispatcher;
import org.springframework.stereotype.Component;

/** Turns due surveys into texts every {@link CsatProperties#sweepInterval()}, and sends them. */
@Component
class SurveySweep extends Sweep {
  private static final int BATCH = 100;

  private final Surveys surveys;
  private final SmsDispatcher dispatcher;

  SurveySweep(Surveys surveys, SmsDispatcher dispatcher, CsatProperties settings) {
    super("csat-sweep", settings.sweepInterval());
    this.surveys = surveys;
    this.dispatcher = dispatcher;
  }

  @Override
  protected void sweepOnce() {
    surveys.writeDue(BATCH).forEach(dispatcher::dispatch);
  }
}
