package eu.aiact.tracker.command.aggregate;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * AI systems kept in memory between their commands, so that a command on a system that was just changed (a registration and its
 * classification, a walk through its lifecycle) does not read and deserialise its events again. Axon's repository puts the aggregate
 * back after each committed command and drops it when the command's unit of work rolls back; the garbage collector drops entries no
 * command holds. An event stored by another writer (a second command service on the same database) makes the cached version stale: its
 * append then collides with that event's sequence number and the command is sent once more, on the system read afresh
 * ({@code CommandSender}). A command refused by the rules on a stale state is not sent again, though: with more than one command
 * service on one database, switch the cache off ({@code tracker.commands.aggregate-cache: false}).
 */
@Configuration
public class AggregateCacheConfiguration {

    /** The bean name {@link AiSystem}'s {@code @Aggregate(cache = ...)} names. */
    public static final String AI_SYSTEMS = "aiSystemCache";

    @Bean(AI_SYSTEMS)
    Cache aiSystemCache(@Value("${tracker.commands.aggregate-cache:true}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }
}
