package eu.aiact.tracker.notifier;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the notifier decides and delivers alerts (prefix {@code tracker.notifier}).
 *
 * @param horizonsDays        days before a due date at which an alert fires (only the nearest one reached fires)
 * @param overdueReminderDays days between reminders once an obligation is overdue
 * @param experimentMaxMonths an experiment running longer than this is a critical alert
 * @param sweepInterval       how often the sweep runs
 * @param dispatchInterval    how often the dispatcher looks for deliveries that are due
 * @param alertsTopic         the Kafka topic alerts go to as CloudEvents
 * @param dashboardUrl        link to a system in the dashboard; {id} is replaced by the system id
 * @param mailFrom            sender address of alert mails
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
        @DefaultValue Webhook webhook,
        @DefaultValue ClockSettings clock) {

    /**
     * @param maxAttempts    attempts per delivery before it becomes a dead letter (applies to every channel)
     * @param initialBackoff wait after the first failure; doubles after each further one
     * @param timeout        how long one webhook call may take
     */
    public record Webhook(@DefaultValue("6") int maxAttempts, @DefaultValue("PT10S") Duration initialBackoff,
            @DefaultValue("PT10S") Duration timeout) {
    }

    /** @param fixedDate when set, the notifier starts on this date (and its time runs on from there) */
    public record ClockSettings(LocalDate fixedDate) {
    }
}
