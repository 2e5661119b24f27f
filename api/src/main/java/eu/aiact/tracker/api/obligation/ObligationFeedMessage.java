package eu.aiact.tracker.api.obligation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message on the obligations topic ({@code aiact.obligations}), which the query service writes and the notifier reads. Derived data,
 * not events: the query service can write them again at any time (after a rebuild, every night), so readers keep the latest per key.
 * The JSON carries its type in the field {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SystemObligations.class, name = "SystemObligations"),
        @JsonSubTypes.Type(value = ObligationsMoved.class, name = "ObligationsMoved")})
public sealed interface ObligationFeedMessage permits SystemObligations, ObligationsMoved {

    /** The Kafka key: all messages of one system (or one organisation's rulebook change) keep their order. */
    String key();
}
