package eu.aiact.tracker.notifier;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the notifier decides alerts (prefix {@code tracker.notifier}). Each channel has its own settings (retries, targets) under
 * {@code tracker.notifier.channels.<channel>}, read by the channel's class.
 *
 * @param horizonsDays        days before a due date at which an alert fires (only the nearest one reached fires)
 * @param overdueReminderDays days between reminders once an obligation is overdue
 * @param experimentMaxMonths an experiment running longer than this is a critical alert
 * @param sweepInterval       how often the sweep runs
 * @param dispatchInterval    how often the dispatcher looks for deliveries that are due
 * @param alertsTopic         the Kafka topic alerts go to as CloudEvents
 * @param dashboardUrl        link to a system in the dashboard; {id} is replaced by the system id
 * @param mailFrom            sender address of alert mails
 * @param platformAddress     the platform's own address: the daily notice of unrouted alerts and uncovered organisations goes there
 *                            (empty: the notice is stored and shown in the coverage view, and mailed to nobody)
 * @param noticeMaxAge        a notice caused by an event (a rulebook version's moved deadlines, a lowered classification) is sent only
 *                            when its event was recorded at most this long ago: a replay of old history sends nothing
 * @param digestDelay         how long after the end of a day its digest is sent (every alert of the day is in it)
 */
@ConfigurationProperties("tracker.notifier")
public record NotifierProperties(
        @DefaultValue({"180", "90", "30", "7", "1"}) List<Integer> horizonsDays,
        @DefaultValue("7") int overdueReminderDays,
        @DefaultValue("12") int experimentMaxMonths,
        @DefaultValue("PT1M") Duration sweepInterval,
        @DefaultValue("PT5S") Duration dispatchInterval,
        @DefaultValue("aiact.alerts") String alertsTopic,
        @DefaultValue("http://127.0.0.1:8082/dashboard/systems/{id}") String dashboardUrl,
        @DefaultValue("notifier@aiact-tracker.local") String mailFrom,
        @DefaultValue("") String platformAddress,
        @DefaultValue("P3D") Duration noticeMaxAge,
        @DefaultValue("PT1M") Duration digestDelay,
        @DefaultValue ClockSettings clock) {

    /**
     * The settable clock, for tests and demos: only in the {@code development} profile (the notifier refuses to start when either is set
     * without it). Even then a set date only simulates: what is decided on it is kept apart and suppresses no real alert.
     *
     * @param settable  whether {@code PUT /api/admin/clock} may set a date
     * @param fixedDate start with this date set (implies settable)
     */
    public record ClockSettings(@DefaultValue("false") boolean settable, LocalDate fixedDate) {

        public boolean enabled() {
            return settable || fixedDate != null;
        }
    }
}
