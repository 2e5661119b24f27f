package eu.aiact.tracker.api.envelope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.ExperimentStarted;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.SystemResumed;

/**
 * The published event types and the names they carry on the wire (the simple class name; a renamed class keeps its old name here). A
 * consumer that meets a name it does not know skips or dead-letters the message; it never guesses.
 */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = List.<Class<?>>of(
            AiSystemRegistered.class,
            ExperimentStarted.class,
            SystemPutIntoService.class,
            SystemPaused.class,
            SystemResumed.class,
            SystemEnded.class,
            SignificantModificationRecorded.class,
            FactCorrected.class,
            RiskClassified.class,
            AssessmentRecorded.class,
            PublicRegistrationRecorded.class,
            ObligationEvidenceRecorded.class,
            RulebookVersionApplied.class,
            DeadlinesMoved.class)
            .stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventTypes() {
    }

    public static String nameOf(Class<?> eventClass) {
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue().equals(eventClass))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a published event type: " + eventClass.getName()));
    }

    /** Whether events of this type belong to an AI system's history (all but the rulebook's). */
    public static boolean isSystemEvent(String name) {
        return classOf(name).filter(type -> !type.getPackageName().endsWith(".rulebook")).isPresent();
    }

    /** Every published type name, sorted. */
    public static java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(BY_NAME.keySet());
    }

    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
