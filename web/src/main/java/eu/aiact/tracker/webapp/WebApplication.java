package eu.aiact.tracker.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web application: pages rendered on the server (Thymeleaf) for CIO offices, registrars, auditors and viewers. It signs users in with
 * OpenID Connect (authorisation code with PKCE), keeps their tokens in the server-side session, and calls the command service, the query
 * service and the notifier with the signed-in user's access token, so that every page shows exactly what the APIs let that user read.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
