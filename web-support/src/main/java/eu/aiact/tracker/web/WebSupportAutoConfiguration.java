package eu.aiact.tracker.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link ProblemErrorController} before Spring Boot's own error controller, which then steps aside, and the request size limit
 * ({@link RequestSizeLimit}) of every service.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ProblemErrorController.class, RequestSizeLimit.class})
public class WebSupportAutoConfiguration {
}
