package eu.aiact.tracker.web.openapi;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * Every service describes its REST surface as OpenAPI 3.1 ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}, both open
 * without a token): titled after the service, with the problem responses of every operation ({@link ProblemResponsesCustomizer}; a
 * service may declare its own to add the conflicts its writes can give).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceDescription(@Value("${spring.application.name:service}") String name) {
        return new OpenAPI().info(new Info().title("AI Act deadline tracker: " + name).version("1")
                .description("Every endpoint needs a bearer token (see the README's Security section); refusals are RFC 9457 problem details."));
    }

    @Bean
    @ConditionalOnMissingBean(ProblemResponsesCustomizer.class)
    ProblemResponsesCustomizer problemResponses() {
        return new ProblemResponsesCustomizer(Map.of());
    }
}
