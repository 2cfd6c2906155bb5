package io.milepost.notifier.push;

import io.milepost.notifier.job.Job;
import io.milepost.notifier.tracking.TrackingView;
import io.milepost.notifier.tracking.TrackingViews;
import io.milepost.schemas.BoardUpdate;
import io.milepost.schemas.CustomerEvent;
import io.milepost.schemas.WireCodec;
import java.util.List;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/** Pushes a job's new state to the dealer's board and the customer's tracking page. */
@Component
public class LivePush {
  private final SimpMessagingTemplate stomp;
  private final TrackingViews views;

  LivePush(SimpMessagingTemplate stomp, TrackingViews views) {
    this.stomp = stomp;
    this.views = views;
  }

  /**
   * A poll's changed jobs, each with the update that changed it ({@code updates.get(i)} stored as
   * {@code stored.get(i)}): to the boards and the tracking pages.
   */
  public void jobsChanged(List<BoardUpdate> updates, List<Job> stored) {
    List<TrackingView> views = this.views.of(stored);
    for (int i = 0; i < updates.size(); i++) {
      BoardUpdate update = updates.get(i);
      // Encoded by the wire contract's mapper, so browsers get the same JSON the topic carries.
      stomp.convertAndSend(
          Destinations.board(update.tenantId(), update.locationId()),
          WireCodec.BOARD_UPDATE.encodeToString(update));
      stomp.convertAndSend(
          Destinations.tracking(stored.get(i).trackingToken()),
          WireCodec.MAPPER.writeValueAsString(views.get(i)));
    }
  }

  /**
   * What a customer said, or that their phone cannot get SMS, to the boards of the job's location
   * (beside its board updates: a board tells them apart by {@code eventId}). An event about no job
   * reaches no board.
   */
  public void customerEvent(CustomerEvent event) {
    if (event.locationId() == null) {
      return;
    }
    stomp.convertAndSend(
        Destinations.board(event.tenantId(), event.locationId()),
        WireCodec.CUSTOMER_EVENT.encodeToString(event));
  }
}
