package eu.aiact.tracker.notifier.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One alert: what it is about, why, and how urgent. Its {@code key} is deterministic (organisation, system, obligation code, kind and
 * horizon or reminder number, date, version or event): the same situation always gives the same key, and a key is stored once.
 *
 * @param daysLeft  days from {@code decidedOn} to the due date, negative when overdue; null when there is no due date
 * @param summary   one line, used as the mail subject
 * @param moves     for a deadlines-moved notice: what moved; otherwise empty
 * @param createdAt when it was decided (null in a preview)
 * @param systemPaused    the system was paused when the alert was decided (its duties and due dates remain)
 * @param acknowledgement the latest acknowledgement of the same obligation when the alert was decided (null: none)
 */
public record Alert(
        String key,
        AlertKind kind,
        Severity severity,
        Audience audience,
        String organisation,
        String systemId,
        String systemName,
        String code,
        String title,
        String article,
        String source,
        LocalDate dueDate,
        Integer daysLeft,
        Integer horizonDays,
        String reason,
        String summary,
        String dashboardUrl,
        List<MovedDeadline> moves,
        LocalDate decidedOn,
        Instant createdAt,
        boolean systemPaused,
        Acknowledgement acknowledgement) {

    /** The organisation name under which the platform's own notices (to the platform address) are stored. */
    public static final String PLATFORM = "(platform)";

    /** An alert of a running system, not acknowledged. */
    public Alert(String key, AlertKind kind, Severity severity, Audience audience, String organisation, String systemId, String systemName,
            String code, String title, String article, String source, LocalDate dueDate, Integer daysLeft, Integer horizonDays,
            String reason, String summary, String dashboardUrl, List<MovedDeadline> moves, LocalDate decidedOn, Instant createdAt) {
        this(key, kind, severity, audience, organisation, systemId, systemName, code, title, article, source, dueDate, daysLeft, horizonDays,
                reason, summary, dashboardUrl, moves, decidedOn, createdAt, false, null);
    }

    public Alert withCreatedAt(Instant instant) {
        return new Alert(key, kind, severity, audience, organisation, systemId, systemName, code, title, article, source, dueDate, daysLeft,
                horizonDays, reason, summary, dashboardUrl, moves, decidedOn, instant, systemPaused, acknowledgement);
    }

    public Alert withAcknowledgement(Acknowledgement latest) {
        return new Alert(key, kind, severity, audience, organisation, systemId, systemName, code, title, article, source, dueDate, daysLeft,
                horizonDays, reason, summary, dashboardUrl, moves, decidedOn, createdAt, systemPaused, latest);
    }

    /** The same alert under another key (a deadline alert whose due date moved: see {@link AlertDecider#forStoredDueDates}). */
    public Alert withKey(String otherKey) {
        return new Alert(otherKey, kind, severity, audience, organisation, systemId, systemName, code, title, article, source, dueDate,
                daysLeft, horizonDays, reason, summary, dashboardUrl, moves, decidedOn, createdAt, systemPaused, acknowledgement);
    }

    /**
     * The detail without the due date a deadline alert's key names when its due date moved ({@code H30@2028-10-06} is {@code H30}):
     * the horizon, day or reminder, by which a system's alerts are grouped into one message.
     */
    public String horizonDetail() {
        String detail = detail();
        String suffix = dueDate == null ? null : "@" + dueDate;
        return suffix != null && detail.endsWith(suffix) ? detail.substring(0, detail.length() - suffix.length()) : detail;
    }

    /** The key's last part: the kind's detail (e.g. {@code H30}, {@code OVERDUE-REMINDER-2}, {@code VIOLATION:2027-07-01}). */
    public String detail() {
        int third = key.indexOf('|', key.indexOf('|', key.indexOf('|') + 1) + 1);
        return third < 0 ? key : key.substring(third + 1);
    }

    public boolean critical() {
        return severity == Severity.CRITICAL;
    }

    /** The deterministic key: organisation, system, code and the kind's detail, joined by '|'; absent parts are '-'. */
    public static String key(String organisation, String systemId, String code, String detail) {
        return part(organisation) + "|" + part(systemId) + "|" + part(code) + "|" + detail;
    }

    private static String part(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
