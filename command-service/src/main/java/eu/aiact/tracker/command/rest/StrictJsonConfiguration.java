package eu.aiact.tracker.command.rest;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Commands are read strictly: an empty or blank string is not a date (leave the field out for "today"), and is not an enum value.
 * Unknown fields are refused too ({@code spring.jackson.deserialization.fail-on-unknown-properties}).
 */
@Configuration
public class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictCoercions() {
        return builder -> {
            for (LogicalType type : new LogicalType[] {LogicalType.DateTime, LogicalType.Enum, LogicalType.Boolean, LogicalType.Integer}) {
                builder.withCoercionConfig(type, config -> {
                    config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                });
            }
        };
    }
}
