package eu.aiact.tracker.notifier.channel;

/** A message that no retry can deliver (its target is refused, say): it becomes a dead letter at once, with this reason. */
public class PermanentDeliveryFailure extends Exception {

    public PermanentDeliveryFailure(String message) {
        super(message);
    }
}
