package eu.aiact.tracker.api.envelope;

import java.util.Map;
import java.util.Optional;

import eu.aiact.tracker.api.system.AiSystemRegistered;

/**
 * The published event types and the names they carry on the wire. A consumer that meets a name it does not know skips or dead-letters
 * the message; it never guesses.
 */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = Map.of(
            "AiSystemRegistered", AiSystemRegistered.class);

    private EventTypes() {
    }

    public static String nameOf(Class<?> eventClass) {
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().equals(eventClass))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a published event type: " + eventClass.getName()));
    }

    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
