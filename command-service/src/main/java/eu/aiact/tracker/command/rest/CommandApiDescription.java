package eu.aiact.tracker.command.rest;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.aiact.tracker.web.openapi.ProblemResponsesCustomizer;

/**
 * The command service's writes can also be refused for the system's state or a stale version (409), a reused idempotency key (422), and
 * imports for their content type (415) or too many of them (429); the OpenAPI document says so.
 */
@Configuration(proxyBeanMethods = false)
public class CommandApiDescription {

    @Bean
    ProblemResponsesCustomizer commandProblemResponses() {
        return new ProblemResponsesCustomizer(Map.of(
                "/api/systems", List.of("409", "422"),
                "/api/rulebooks", List.of("409", "422"),
                "/api/imports", List.of("409", "415", "429")));
    }
}
