package eu.aiact.tracker.stream;

import eu.aiact.tracker.api.envelope.EventEnvelope;

/** An event off the events topic: its envelope, read (and verified) through the envelope codec, and its payload as its published type. */
public record StreamEvent(EventEnvelope envelope, Object payload) {
}
