package eu.aiact.tracker.command.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the idempotency check around every command handler. The command bus opens the command's transaction before any handler
 * interceptor runs, so the key is stored in the same transaction as the events.
 */
@Component
class IdempotencyRegistration {

    IdempotencyRegistration(CommandBus commandBus, JdbcTemplate jdbc, JsonMapper json) {
        commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(jdbc, json));
    }
}
