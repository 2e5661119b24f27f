package eu.aiact.tracker.notifier.channel;

import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.notifier.alert.Alert;

/**
 * What one delivery sends: one alert, a system's alerts of one horizon, or an organisation's daily digest.
 *
 * @param key        the message's key: the CloudEvents id / the source of the Message-ID
 * @param date       for a digest, the day it covers
 * @param simulation for a simulation's sandbox delivery, its label (e.g. "simulation 4 of 2027-11-15"); null for real alerts
 */
public record Message(String key, Kind kind, String organisation, List<Alert> alerts, LocalDate date, String simulation) {

    public enum Kind {
        /** One alert. */
        ALERT,
        /** Several alerts of one system decided together (same horizon or reminder), listed in one message. */
        GROUP,
        /** Every alert of an organisation on one day. */
        DIGEST
    }

    public Alert first() {
        return alerts.get(0);
    }
}
