package eu.aiact.tracker.notifier.channel;

import java.time.Instant;
import java.util.List;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.recipients.Recipients;

/**
 * One way alerts leave the notifier (Kafka, a webhook, mail). A channel says which messages it owes for newly stored alerts (one per
 * alert, or several alerts in one message), and sends one message; the dispatcher records each message's delivery, retries it as the
 * channel's {@link RetryPolicy} says and makes it a dead letter after the last attempt. A new channel is one class implementing this
 * interface (a Spring bean) with its settings under {@code tracker.notifier.channels.<id>}.
 */
public interface Channel {

    /** The channel's name as stored with each delivery, e.g. {@code WEBHOOK}. */
    String id();

    RetryPolicy retry();

    /** Whether a delivery on this channel reaches a person (counts as routed in the coverage view). */
    boolean reachesPerson();

    /**
     * The messages this channel owes for newly stored alerts of one organisation.
     *
     * @param to  the organisation's recipients (null: none configured)
     * @param now the real time: when the messages are due at the earliest
     */
    List<Outgoing> plan(List<Alert> alerts, Recipients to, Instant now);

    /** Sends one message; returns normally only when the receiver accepted it. */
    void send(Message message, Recipients to) throws Exception;
}
