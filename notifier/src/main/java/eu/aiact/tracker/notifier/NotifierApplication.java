package eu.aiact.tracker.notifier;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import eu.aiact.tracker.api.envelope.EnvelopeAuthenticity;
import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import tools.jackson.databind.json.JsonMapper;

/** Consumes the events, keeps what it needs to know which deadlines come when, and (in later releases) sends the alerts. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }

    /** Reads the events topic, accepting only envelopes the command service signed (tracker.envelopes.*, see the README). */
    @Bean
    EnvelopeCodec envelopeCodec(JsonMapper json, @Value("${tracker.envelopes.public-keys:}") List<String> publicKeys,
            @Value("${tracker.envelopes.accept-unsigned:false}") boolean acceptUnsigned) {
        return new EnvelopeCodec(json, EnvelopeAuthenticity.fromConfiguration(publicKeys, acceptUnsigned));
    }
}
