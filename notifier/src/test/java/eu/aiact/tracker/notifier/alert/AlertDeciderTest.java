package eu.aiact.tracker.notifier.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.notifier.tracking.TrackedObligation;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;

/** The decision which alerts are due on a date, on fixed dates, with the default horizons 180, 90, 30, 7, 1 and weekly reminders. */
class AlertDeciderTest {

    private static final LocalDate DUE = LocalDate.of(2027, 8, 2);
    private final AlertDecider decider = new AlertDecider(List.of(180, 90, 30, 7, 1), 7, 12, "http://dash/systems/{id}");

    @ParameterizedTest(name = "{0} days before the due date: {1}")
    @CsvSource({
            "400, ''",
            "181, ''",
            "180, H180",
            "179, H180",
            "91, H180",
            "90, H90",
            "31, H90",
            "30, H30",
            "20, H30",
            "8, H30",
            "7, H7",
            "2, H7",
            "1, H1",
            "0, DUE",
            "-1, OVERDUE",
            "-7, OVERDUE",
            "-8, OVERDUE-REMINDER-1",
            "-14, OVERDUE-REMINDER-1",
            "-15, OVERDUE-REMINDER-2",
            "-100, OVERDUE-REMINDER-14"})
    void onlyTheNearestHorizonReachedFires(int daysBefore, String expected) {
        List<Alert> alerts = decider.decide(system(Phase.IN_USE, RiskClass.HIGH, obligation("ART26-DEPLOYER-DUTIES", DUE,
                ObligationStatus.NOT_YET_DUE)), DUE.minusDays(daysBefore));
        if (expected.isEmpty()) {
            assertThat(alerts).isEmpty();
        } else {
            assertThat(alerts).extracting(Alert::key).containsExactly("Gemeente Utrecht|sys-1|ART26-DEPLOYER-DUTIES|" + expected);
            assertThat(alerts.get(0).daysLeft()).isEqualTo(daysBefore);
        }
    }

    @Test
    void anObligationFirstSeenTwentyDaysAheadGetsOnlyTheThirtyDayAlertAndTheKeyIsStableUntilTheSevenDayOne() {
        TrackedSystem system = system(Phase.IN_USE, RiskClass.LIMITED, obligation("ART50-TRANSPARENCY", DUE, ObligationStatus.DUE_SOON));
        Set<String> keys = new TreeSet<>();
        List<String> perDay = new ArrayList<>();
        for (LocalDate day = DUE.minusDays(20); !day.isAfter(DUE.plusDays(15)); day = day.plusDays(1)) {
            for (Alert alert : decider.decide(system, day)) {
                if (keys.add(alert.key())) {
                    perDay.add(day + " " + alert.key().substring(alert.key().lastIndexOf('|') + 1));
                }
            }
        }
        // Every day gives an alert, but the keys (the only thing stored) change just at these dates.
        assertThat(perDay).containsExactly(
                DUE.minusDays(20) + " H30",
                DUE.minusDays(7) + " H7",
                DUE.minusDays(1) + " H1",
                DUE + " DUE",
                DUE.plusDays(1) + " OVERDUE",
                DUE.plusDays(8) + " OVERDUE-REMINDER-1",
                DUE.plusDays(15) + " OVERDUE-REMINDER-2");
    }

    @Test
    void theAlertCarriesEverythingTheReaderNeeds() {
        Alert alert = decider.decide(system(Phase.IN_USE, RiskClass.HIGH, obligation("ART27-FRIA", DUE, ObligationStatus.DUE_SOON)),
                DUE.minusDays(30)).get(0);
        assertThat(alert.kind()).isEqualTo(AlertKind.HORIZON);
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.horizonDays()).isEqualTo(30);
        assertThat(alert.summary()).isEqualTo("ART27-FRIA due in 30 days: Toeslagen");
        assertThat(alert.organisation()).isEqualTo("Gemeente Utrecht");
        assertThat(alert.systemId()).isEqualTo("sys-1");
        assertThat(alert.systemName()).isEqualTo("Toeslagen");
        assertThat(alert.title()).isEqualTo("Title of ART27-FRIA");
        assertThat(alert.article()).isEqualTo("Art. 1");
        assertThat(alert.source()).isEqualTo("Reg. 2024/1689");
        assertThat(alert.reason()).isEqualTo("Because ART27-FRIA");
        assertThat(alert.dueDate()).isEqualTo(DUE);
        assertThat(alert.dashboardUrl()).isEqualTo("http://dash/systems/sys-1");
        assertThat(alert.audience()).isEqualTo(Audience.CIO_OFFICE);
    }

    @Test
    void severityRisesAsTheDueDateComes() {
        TrackedSystem system = system(Phase.IN_USE, RiskClass.LIMITED, obligation("X", DUE, ObligationStatus.NOT_YET_DUE));
        assertThat(decider.decide(system, DUE.minusDays(100)).get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(decider.decide(system, DUE.minusDays(90)).get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(decider.decide(system, DUE.minusDays(25)).get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(decider.decide(system, DUE.minusDays(3)).get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(decider.decide(system, DUE).get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(decider.decide(system, DUE.plusDays(3)).get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void fulfilledOrNotApplicableStopsAlertsAndReminders() {
        assertThat(decider.decide(system(Phase.IN_USE, RiskClass.HIGH, obligation("ART27-FRIA", DUE, ObligationStatus.FULFILLED)),
                DUE.plusDays(20))).isEmpty();
        assertThat(decider.decide(system(Phase.IN_USE, RiskClass.HIGH, obligation("ART27-FRIA", DUE, ObligationStatus.NOT_APPLICABLE)),
                DUE.minusDays(20))).isEmpty();
        assertThat(decider.decide(system(Phase.IN_USE, RiskClass.HIGH, obligation("ART27-FRIA", null, ObligationStatus.NOT_YET_DUE)),
                DUE)).isEmpty();
    }

    @Test
    void anEndedSystemGetsNoDeadlineAlerts() {
        assertThat(decider.decide(system(Phase.ENDED, RiskClass.HIGH, obligation("ART26", DUE, ObligationStatus.OVERDUE)),
                DUE.plusDays(3))).isEmpty();
        assertThat(decider.decide(system(Phase.ENDED, RiskClass.HIGH, obligation("ART26", DUE, ObligationStatus.DUE_SOON)),
                DUE.minusDays(3))).isEmpty();
    }

    @Test
    void aViolationIsCriticalAndRepeatsDailyUntilTheSystemEnds() {
        LocalDate ban = LocalDate.of(2025, 2, 2);
        TrackedSystem inUse = system(Phase.IN_USE, RiskClass.PROHIBITED, obligation("ART5-PROHIBITED", ban, ObligationStatus.VIOLATION));
        List<Alert> day1 = decider.decide(inUse, LocalDate.of(2026, 1, 10));
        List<Alert> day2 = decider.decide(inUse, LocalDate.of(2026, 1, 11));
        assertThat(day1).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.VIOLATION);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.key()).isEqualTo("Gemeente Utrecht|sys-1|ART5-PROHIBITED|VIOLATION:2026-01-10");
        });
        assertThat(day2).singleElement().extracting(Alert::key).isEqualTo("Gemeente Utrecht|sys-1|ART5-PROHIBITED|VIOLATION:2026-01-11");
        // the same day twice: the same key
        assertThat(decider.decide(inUse, LocalDate.of(2026, 1, 10))).extracting(Alert::key).isEqualTo(day1.stream().map(Alert::key).toList());

        TrackedSystem ended = system(Phase.ENDED, RiskClass.PROHIBITED, obligation("ART5-PROHIBITED", ban, ObligationStatus.VIOLATION));
        assertThat(decider.decide(ended, LocalDate.of(2026, 1, 12))).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-1|ART5-PROHIBITED|VIOLATION:ENDED");
        assertThat(decider.decide(ended, LocalDate.of(2026, 3, 12))).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-1|ART5-PROHIBITED|VIOLATION:ENDED");
    }

    @Test
    void aHighRiskSystemInUseWithoutItsFriaOrRegistrationIsCriticalOnce() {
        TrackedSystem system = system(Phase.IN_USE, RiskClass.HIGH, obligation("ART27-FRIA", DUE, ObligationStatus.OVERDUE),
                obligation("ART49-3-REGISTRATION", DUE, ObligationStatus.OVERDUE), obligation("ART26-LOGS", DUE, ObligationStatus.OVERDUE));
        List<Alert> alerts = decider.decide(system, DUE.plusDays(1));
        assertThat(alerts).filteredOn(a -> a.severity() == Severity.CRITICAL).extracting(Alert::key).containsExactlyInAnyOrder(
                "Gemeente Utrecht|sys-1|ART27-FRIA|CRITICAL-OVERDUE", "Gemeente Utrecht|sys-1|ART49-3-REGISTRATION|CRITICAL-OVERDUE");
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.OVERDUE).hasSize(3);
        // weeks later: the critical keys are the same (so stored once), the reminders move on
        assertThat(decider.decide(system, DUE.plusDays(30))).filteredOn(a -> a.severity() == Severity.CRITICAL).extracting(Alert::key)
                .containsExactlyInAnyOrder("Gemeente Utrecht|sys-1|ART27-FRIA|CRITICAL-OVERDUE",
                        "Gemeente Utrecht|sys-1|ART49-3-REGISTRATION|CRITICAL-OVERDUE");
        // not before the due date, not when not in use, not when not high-risk
        assertThat(decider.decide(system, DUE)).noneMatch(a -> a.severity() == Severity.CRITICAL);
        assertThat(decider.decide(system(Phase.PLANNED, RiskClass.HIGH, obligation("ART27-FRIA", DUE, ObligationStatus.OVERDUE)),
                DUE.plusDays(1))).noneMatch(a -> a.severity() == Severity.CRITICAL);
        assertThat(decider.decide(system(Phase.IN_USE, RiskClass.LIMITED, obligation("ART27-FRIA", DUE, ObligationStatus.OVERDUE)),
                DUE.plusDays(1))).noneMatch(a -> a.severity() == Severity.CRITICAL);
    }

    @Test
    void whichObligationIsCriticalWhenOverdueIsTheRulesPropertyNotItsCode() {
        TrackedObligation flagged = new TrackedObligation("NL-RISK-ANALYSIS", "Risk analysis", "Kamerstuk", "DEPLOYER", DUE,
                ObligationStatus.OVERDUE, "nl-national-commitments", "Because", "Kamerstuk 26 643", true);
        TrackedObligation friaWithoutTheProperty = new TrackedObligation("ART27-FRIA", "FRIA", "Art. 27", "DEPLOYER", DUE,
                ObligationStatus.OVERDUE, "ai-act-2024", "Because", "Reg. 2024/1689", false);
        List<Alert> alerts = decider.decide(system(Phase.IN_USE, RiskClass.HIGH, flagged, friaWithoutTheProperty), DUE.plusDays(1));
        assertThat(alerts).filteredOn(a -> a.severity() == Severity.CRITICAL).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-1|NL-RISK-ANALYSIS|CRITICAL-OVERDUE");
    }

    @Test
    void aPausedSystemKeepsItsDeadlineAlertsMarkedPausedButIsNotInUse() {
        TrackedSystem paused = new TrackedSystem("sys-1", "Gemeente Utrecht", "Toeslagen", Phase.IN_USE, true, RiskClass.HIGH, null,
                LocalDate.of(2024, 9, 1), null, Instant.EPOCH, List.of(obligation("ART27-FRIA", DUE, ObligationStatus.OVERDUE),
                        obligation("ART26-LOGS", DUE, ObligationStatus.DUE_SOON)));
        // its duties and due dates stay: the same deadline alerts as a running system's, said to be paused
        assertThat(decider.decide(paused, DUE.minusDays(30))).extracting(Alert::key).containsExactlyInAnyOrder(
                "Gemeente Utrecht|sys-1|ART27-FRIA|H30", "Gemeente Utrecht|sys-1|ART26-LOGS|H30");
        assertThat(decider.decide(paused, DUE.minusDays(30))).allSatisfy(a -> {
            assertThat(a.systemPaused()).isTrue();
            assertThat(a.summary()).endsWith("(paused)");
            assertThat(a.reason()).contains("paused: its duties and due dates remain");
        });
        // not in use while paused: nothing critical for lacking what use needs
        List<Alert> overdue = decider.decide(paused, DUE.plusDays(1));
        assertThat(overdue).extracting(Alert::key).containsExactlyInAnyOrder("Gemeente Utrecht|sys-1|ART27-FRIA|OVERDUE",
                "Gemeente Utrecht|sys-1|ART26-LOGS|OVERDUE");
        assertThat(overdue).noneMatch(a -> a.severity() == Severity.CRITICAL);

        // a paused prohibited practice is not in use that day: no violation day; once it runs again, the violations come back
        LocalDate ban = LocalDate.of(2025, 2, 2);
        TrackedObligation banned = obligation("ART5-PROHIBITED", ban, ObligationStatus.VIOLATION);
        TrackedSystem pausedBan = new TrackedSystem("sys-2", "Gemeente Utrecht", "Emotieherkenning", Phase.IN_USE, true,
                RiskClass.PROHIBITED, null, LocalDate.of(2024, 1, 1), null, Instant.EPOCH, List.of(banned));
        assertThat(decider.decide(pausedBan, LocalDate.of(2026, 1, 10))).isEmpty();
        TrackedSystem resumed = new TrackedSystem("sys-2", "Gemeente Utrecht", "Emotieherkenning", Phase.IN_USE, false,
                RiskClass.PROHIBITED, null, LocalDate.of(2024, 1, 1), null, Instant.EPOCH, List.of(banned));
        assertThat(decider.decide(resumed, LocalDate.of(2026, 1, 10))).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-2|ART5-PROHIBITED|VIOLATION:2026-01-10");
        assertThat(decider.decide(resumed, LocalDate.of(2026, 1, 10)).get(0).systemPaused()).isFalse();
    }

    @Test
    void anExperimentRunningLongerThanTheMaximumIsCriticalOncePerSystem() {
        LocalDate started = LocalDate.of(2026, 3, 15);
        TrackedSystem experiment = new TrackedSystem("sys-1", "Gemeente Utrecht", "Pilot", Phase.EXPERIMENT, false, RiskClass.HIGH, started,
                null, null, Instant.EPOCH, List.of());
        assertThat(decider.decide(experiment, LocalDate.of(2027, 3, 14))).isEmpty();
        assertThat(decider.decide(experiment, LocalDate.of(2027, 3, 15))).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.EXPERIMENT_TOO_LONG);
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.key()).isEqualTo("Gemeente Utrecht|sys-1|-|EXPERIMENT-TOO-LONG");
        });
        assertThat(decider.decide(experiment, LocalDate.of(2027, 9, 1))).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-1|-|EXPERIMENT-TOO-LONG");
        TrackedSystem inUse = new TrackedSystem("sys-1", "Gemeente Utrecht", "Pilot", Phase.IN_USE, false, RiskClass.HIGH, started,
                LocalDate.of(2027, 1, 1), null, Instant.EPOCH, List.of());
        assertThat(decider.decide(inUse, LocalDate.of(2027, 9, 1))).isEmpty();
    }

    @Test
    void otherHorizonsAndReminderIntervalsAreHonoured() {
        AlertDecider custom = new AlertDecider(List.of(14, 60), 3, 6, "x/{id}");
        TrackedSystem system = system(Phase.IN_USE, RiskClass.HIGH, obligation("C", DUE, ObligationStatus.NOT_YET_DUE));
        assertThat(custom.decide(system, DUE.minusDays(61))).isEmpty();
        assertThat(custom.decide(system, DUE.minusDays(40))).extracting(Alert::key).containsExactly("Gemeente Utrecht|sys-1|C|H60");
        assertThat(custom.decide(system, DUE.minusDays(1))).extracting(Alert::key).containsExactly("Gemeente Utrecht|sys-1|C|H14");
        assertThat(custom.decide(system, DUE.plusDays(3))).extracting(Alert::key).containsExactly("Gemeente Utrecht|sys-1|C|OVERDUE");
        assertThat(custom.decide(system, DUE.plusDays(4))).extracting(Alert::key)
                .containsExactly("Gemeente Utrecht|sys-1|C|OVERDUE-REMINDER-1");
        assertThatThrownBy(() -> new AlertDecider(List.of(0), 7, 12, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDueDateMovedLaterGetsTheNewCyclesAlertsUnderKeysNamingTheNewDueDateAndStoredAlertsCountAsSentOnlyForTheirDueDate() {
        // The first cycle: due in 20 days (e.g. a classification review date), walked to 15 days overdue; what it stores is kept.
        TrackedSystem firstCycle = system(Phase.IN_USE, RiskClass.HIGH, obligation("NL-CLASSIFICATION-REVIEW", DUE, ObligationStatus.DUE_SOON));
        java.util.Map<String, LocalDate> stored = new java.util.HashMap<>();
        for (LocalDate day = DUE.minusDays(20); !day.isAfter(DUE.plusDays(15)); day = day.plusDays(1)) {
            for (Alert alert : AlertDecider.forStoredDueDates(decider.decide(firstCycle, day), stored)) {
                stored.putIfAbsent(alert.key(), alert.dueDate());
            }
        }
        String h30 = "Gemeente Utrecht|sys-1|NL-CLASSIFICATION-REVIEW|H30";
        assertThat(stored).containsEntry(h30, DUE).containsKeys(h30.replace("H30", "DUE"), h30.replace("H30", "OVERDUE"),
                h30.replace("H30", "OVERDUE-REMINDER-1"));
        // Alerts stored under today's keys for the same due date keep counting as sent: the key stays as it is.
        assertThat(AlertDecider.forStoredDueDates(decider.decide(firstCycle, DUE.minusDays(19)), stored)).extracting(Alert::key)
                .containsExactly(h30);

        // The organisation records the next review date, 400 days later: the new cycle's alerts name their due date.
        LocalDate next = DUE.plusDays(400);
        TrackedSystem secondCycle = system(Phase.IN_USE, RiskClass.HIGH,
                obligation("NL-CLASSIFICATION-REVIEW", next, ObligationStatus.NOT_YET_DUE));
        List<Alert> thirtyDaysBefore = AlertDecider.forStoredDueDates(decider.decide(secondCycle, next.minusDays(30)), stored);
        assertThat(thirtyDaysBefore).extracting(Alert::key).containsExactly(h30 + "@" + next);
        assertThat(thirtyDaysBefore.get(0).dueDate()).isEqualTo(next);
        assertThat(thirtyDaysBefore.get(0).daysLeft()).isEqualTo(30);
        assertThat(thirtyDaysBefore.get(0).horizonDetail()).as("grouped with the system's other 30-day alerts").isEqualTo("H30");
        List<String> newCycle = new ArrayList<>();
        for (LocalDate day = next.minusDays(200); !day.isAfter(next.plusDays(15)); day = day.plusDays(1)) {
            for (Alert alert : AlertDecider.forStoredDueDates(decider.decide(secondCycle, day), stored)) {
                if (stored.putIfAbsent(alert.key(), alert.dueDate()) == null) {
                    newCycle.add(alert.detail());
                }
            }
        }
        assertThat(newCycle).containsExactly("H180", "H90", "H30@" + next, "H7@" + next, "H1@" + next, "DUE@" + next, "OVERDUE@" + next,
                "OVERDUE-REMINDER-1@" + next, "OVERDUE-REMINDER-2@" + next);
        // Asked again on any day of either cycle, nothing is new.
        for (LocalDate day = DUE.minusDays(20); !day.isAfter(next.plusDays(15)); day = day.plusDays(1)) {
            TrackedSystem system = day.isAfter(DUE.plusDays(15)) ? secondCycle : firstCycle;
            for (Alert alert : AlertDecider.forStoredDueDates(decider.decide(system, day), stored)) {
                assertThat(stored).as(day + " " + alert.key()).containsEntry(alert.key(), alert.dueDate());
            }
        }
        // Only deadline alerts are about a due date: a violation day's key is never changed.
        TrackedSystem prohibited = system(Phase.IN_USE, RiskClass.PROHIBITED, obligation("ART5-PROHIBITED", DUE, ObligationStatus.VIOLATION));
        List<Alert> violation = decider.decide(prohibited, DUE.plusDays(1));
        assertThat(AlertDecider.forStoredDueDates(violation, java.util.Map.of(violation.get(0).key(), DUE.minusDays(1))))
                .extracting(Alert::key).containsExactly(violation.get(0).key());
    }

    private static TrackedSystem system(Phase phase, RiskClass riskClass, TrackedObligation... obligations) {
        return new TrackedSystem("sys-1", "Gemeente Utrecht", "Toeslagen", phase, false, riskClass, null, LocalDate.of(2024, 9, 1),
                phase == Phase.ENDED ? LocalDate.of(2026, 1, 11) : null, Instant.EPOCH, List.of(obligations));
    }

    /** The FRIA and the EU database registration are critical when overdue: so say their rules in the rulebook files. */
    private static TrackedObligation obligation(String code, LocalDate due, ObligationStatus status) {
        return new TrackedObligation(code, "Title of " + code, "Art. 1", "DEPLOYER", due, status, "ai-act-2024", "Because " + code,
                "Reg. 2024/1689", Set.of("ART27-FRIA", "ART49-3-REGISTRATION").contains(code));
    }
}
