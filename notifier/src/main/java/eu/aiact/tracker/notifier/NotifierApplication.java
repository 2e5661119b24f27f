package eu.aiact.tracker.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import tools.jackson.databind.json.JsonMapper;

/** Consumes the events, keeps what it needs to know which deadlines come when, and (in later releases) sends the alerts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }

    @Bean
    EnvelopeCodec envelopeCodec(JsonMapper json) {
        return new EnvelopeCodec(json);
    }
}
