package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.notifier.support.NotifierStack;
import eu.aiact.tracker.notifier.support.SwitchableDns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A notifier configured as in production (no development profile), on real PostgreSQL and Kafka: its clock cannot be set, and a
 * configuration that tries to is refused at start; webhooks must be https to a public address, checked when saved and again before
 * each call (a name that resolves to a loopback address by then makes the delivery a dead letter at once, shown in the coverage view).
 */
class ProductionSettingsIT {

    private static final String FEED = "it-production-obligations";
    private static final JsonMapper json = JsonMapper.builder().build();
    private static NotifierStack notifier;

    private static Map<String, String> properties() {
        return Map.of("tracker.obligations-topic", FEED, "tracker.events-topic", "it-production-events",
                "tracker.notifier.channels.webhook.max-attempts", "5");
    }

    @BeforeAll
    static void start() {
        SwitchableDns.ANSWERS.put("hooks.example.org", "93.184.216.34");
        notifier = NotifierStack.start("production", null, properties(), SwitchableDns.class);
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void theClockCannotBeSetAndDevelopmentSettingsStopTheStart() {
        JsonNode clock = notifier.get("/api/admin/clock");
        assertThat(clock.get("settable").asBoolean()).isFalse();
        JsonNode refused = notifier.json("PUT", "/api/admin/clock", "{\"date\":\"2031-01-01\"}", 409);
        assertThat(refused.get("detail").asString()).contains("development");
        assertThat(notifier.get("/api/admin/clock").get("set").asBoolean()).isFalse();
        // a simulation is a look at another date that stores nothing real: that is allowed everywhere
        notifier.json("POST", "/api/admin/simulations", "{\"date\":\"2031-01-01\"}", 201);
        assertThat(notifier.jdbc().queryForObject("SELECT count(*) FROM alert WHERE decided_on = '2031-01-01'", Long.class)).isZero();

        for (String setting : List.of("tracker.notifier.clock.settable=true", "tracker.notifier.clock.fixed-date=2031-01-01",
                "tracker.notifier.channels.webhook.allow-http=true")) {
            String name = setting.substring(0, setting.indexOf('='));
            Map<String, String> properties = new java.util.HashMap<>(properties());
            properties.put(name, setting.substring(setting.indexOf('=') + 1));
            assertThatThrownBy(() -> NotifierStack.start("production_refused", null, properties).close()).as(setting)
                    .hasMessageContaining(name).hasMessageContaining("development");
        }
    }

    @Test
    void webhooksMustBeHttpsToAPublicAddressWhenSavedAndWhenCalled() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String path = "/api/organisations/" + NotifierStack.encode(organisation) + "/recipients";
        for (String[] refused : new String[][] {{"http://hooks.example.org/alerts", "must be an https URL"},
                {"https://127.0.0.1:8443/hook", "loopback"}, {"https://10.0.0.5/hook", "private"},
                {"https://169.254.169.254/latest", "link-local"}, {"https://[::1]/hook", "loopback"}}) {
            JsonNode problem = notifier.json("PUT", path, json.writeValueAsString(Map.of("cioOffice", "cio@prod.test", "webhookUrl",
                    refused[0], "webhookSecret", "production-webhook-secret")), 400);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("webhookUrl");
            assertThat(problem.get("detail").asString()).as(refused[0]).contains("webhookUrl");
            assertThat(problem.get("errors").get(0).get("message").asString()).as(refused[0]).contains(refused[1]);
        }
        assertThat(notifier.send("GET", path, null).statusCode()).as("nothing stored").isEqualTo(404);
        notifier.putRecipients(organisation, Map.of("cioOffice", "cio@prod.test", "webhookUrl", "https://hooks.example.org/alerts",
                "webhookSecret", "production-webhook-secret"));

        // by the time an alert goes out, the name resolves to a loopback address
        SwitchableDns.ANSWERS.put("hooks.example.org", "127.0.0.1");
        String id = "prod-" + UUID.randomUUID();
        LocalDate due = LocalDate.of(2031, 5, 1);
        SystemObligations system = new SystemObligations(id, organisation, "Webhookrobot", Phase.IN_USE, false, RiskClass.HIGH, null,
                LocalDate.of(2024, 1, 1), null, 1, due, Instant.now(), List.of(new ObligationItem("ART26-LOGS", "Logs", "Art. 26",
                        Role.DEPLOYER, due, ObligationStatus.DUE_SOON, "ai-act-2024", "Because", "Reg. 2024/1689")));
        try (TestEvents feed = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            feed.send(FEED, id, json.writerFor(ObligationFeedMessage.class).writeValueAsString(system));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (notifier.jdbc().queryForObject("SELECT count(*) FROM tracked_obligation WHERE system_id = ?", Long.class, id) == 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        notifier.today().setToday(due.minusDays(7));
        assertThat(notifier.sweep()).contains(organisation + "|" + id + "|ART26-LOGS|H7");
        notifier.dispatchAll();
        Map<String, Object> webhook = notifier.jdbc().queryForMap(
                "SELECT status, attempts, last_error FROM delivery WHERE organisation = ? AND channel = 'WEBHOOK'", organisation);
        assertThat(webhook.get("status")).isEqualTo("DEAD");
        assertThat(webhook.get("attempts")).as("refused at once, not retried").isEqualTo(1);
        assertThat((String) webhook.get("last_error")).contains("Webhook target refused", "loopback");
        JsonNode coverage = notifier.get("/api/coverage?organisation=" + NotifierStack.encode(organisation));
        assertThat(coverage.get("organisations").get(0).get("failing").get("WEBHOOK").get("dead").asLong()).isEqualTo(1);
        assertThat(coverage.get("organisations").get(0).get("warnings").toString()).contains("Webhook target refused");
    }
}
