package eu.aiact.tracker.notifier.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.channel.Channel;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsDirectory;

/**
 * Who is left unwarned: every organisation the notifier knows (tracked systems, recipients, failing deliveries, alerts that reached no
 * person), with its open obligations, its recipients, its failing deliveries by channel and its alerts that reached no person.
 */
@Component
public class CoverageReport {

    private final JdbcTemplate jdbc;
    private final RecipientsDirectory recipients;
    private final List<String> personChannels;

    public CoverageReport(JdbcTemplate jdbc, RecipientsDirectory recipients, List<Channel> channels) {
        this.jdbc = jdbc;
        this.recipients = recipients;
        this.personChannels = channels.stream().filter(Channel::reachesPerson).map(Channel::id).toList();
    }

    /** @param only these organisations (null: every one the notifier knows); uncovered ones first, then by name */
    public List<OrganisationCoverage> organisations(Set<String> only) {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.query("""
                SELECT s.organisation, count(DISTINCT s.system_id) AS systems,
                    count(o.code) FILTER (WHERE o.status = 'VIOLATION'
                        OR (o.status IN ('NOT_YET_DUE', 'DUE_SOON', 'OVERDUE') AND s.phase IS DISTINCT FROM 'ENDED')) AS open
                FROM tracked_system s LEFT JOIN tracked_obligation o ON o.system_id = s.system_id
                GROUP BY s.organisation""", rs -> {
            counts.put(rs.getString("organisation"), new long[] {rs.getLong("systems"), rs.getLong("open")});
        });
        Map<String, Map<String, OrganisationCoverage.ChannelHealth>> failing = new HashMap<>();
        jdbc.query("""
                SELECT organisation, channel, count(*) FILTER (WHERE status = 'PENDING' AND attempts > 0) AS retrying,
                    count(*) FILTER (WHERE status = 'DEAD') AS dead,
                    (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
                FROM delivery WHERE status <> 'SENT' GROUP BY organisation, channel""", rs -> {
            if (rs.getLong("retrying") + rs.getLong("dead") > 0) {
                failing.computeIfAbsent(rs.getString("organisation"), k -> new LinkedHashMap<>()).put(rs.getString("channel"),
                        new OrganisationCoverage.ChannelHealth(rs.getLong("retrying"), rs.getLong("dead"), rs.getString("last_error")));
            }
        });
        Map<String, Long> unreached = new HashMap<>();
        jdbc.query("SELECT organisation, count(*) AS n FROM alert WHERE NOT routed GROUP BY organisation",
                rs -> {
                    unreached.merge(rs.getString("organisation"), rs.getLong("n"), Long::sum);
                });
        jdbc.query("""
                SELECT organisation, count(DISTINCT alert_key) AS n FROM (
                    SELECT d.organisation, d.alert_key FROM delivery d
                    WHERE d.status = 'DEAD' AND d.channel = ANY(?::varchar[])
                        AND NOT EXISTS (SELECT 1 FROM message_alert m WHERE m.message_key = d.alert_key)
                    UNION ALL
                    SELECT d.organisation, m.alert_key FROM delivery d JOIN message_alert m ON m.message_key = d.alert_key
                    WHERE d.status = 'DEAD' AND d.channel = ANY(?::varchar[])) dead
                GROUP BY organisation""", rs -> {
            unreached.merge(rs.getString("organisation"), rs.getLong("n"), Long::sum);
        }, new SqlArrayValue("varchar", personChannels.toArray()), new SqlArrayValue("varchar", personChannels.toArray()));
        Map<String, Recipients> configured = recipients.all();
        Set<String> names = new TreeSet<>();
        names.addAll(counts.keySet());
        names.addAll(configured.keySet());
        names.addAll(failing.keySet());
        names.addAll(unreached.keySet());
        names.remove(Alert.PLATFORM);
        if (only != null) {
            names.retainAll(only);
            names.addAll(only);
        }
        List<OrganisationCoverage> report = new ArrayList<>();
        for (String name : names) {
            long[] count = counts.getOrDefault(name, new long[2]);
            Recipients to = configured.get(name);
            Map<String, OrganisationCoverage.ChannelHealth> fails = failing.getOrDefault(name, Map.of());
            boolean cio = to != null && to.cioOffice() != null && !to.cioOffice().isBlank();
            boolean personFailing = personChannels.stream().anyMatch(fails::containsKey);
            long noPerson = unreached.getOrDefault(name, 0L);
            List<String> warnings = new ArrayList<>();
            if (to == null) {
                warnings.add(count[1] > 0 ? "No recipients configured: its " + count[1] + " open obligations are alerted to no person"
                        + " (the alerts topic only)" : "No recipients configured");
            } else if (!cio) {
                warnings.add("No CIO-office address configured");
            }
            fails.forEach((channel, health) -> warnings.add(channel + " deliveries failing: " + health.retrying() + " being retried, "
                    + health.dead() + " dead letters" + (health.lastError() == null ? "" : "; last error: " + health.lastError())));
            if (noPerson > 0) {
                warnings.add(noPerson + (noPerson == 1 ? " alert" : " alerts") + " reached no person");
            }
            report.add(new OrganisationCoverage(name, count[0], count[1], to != null, cio, to != null && to.hasWebhook(),
                    to != null && to.digest(), fails, noPerson, cio && !personFailing, warnings));
        }
        report.sort(Comparator.comparing(OrganisationCoverage::covered).thenComparing(OrganisationCoverage::organisation));
        return report;
    }
}
