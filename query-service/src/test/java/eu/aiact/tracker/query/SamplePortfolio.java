package eu.aiact.tracker.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPutIntoService;

/**
 * Five systems of one organisation, published as events, whose breakdowns the tests know by heart:
 * <ul>
 * <li>{@code high}: in use since 2020, HIGH (Annex III 5(a)), purpose "Fraudedetectie", internal, not generative; DPIA done, IAMA
 * planned; in the Algoritmeregister (A) and the EU database;</li>
 * <li>{@code chatbot}: experiment, LIMITED, "Kennisverwerking", purchased, generative; a DPIA in progress, then done;</li>
 * <li>{@code endedExperiment}: an experiment that ended, MINIMAL, "Kennisverwerking", partnership; Algoritmeregister (C);</li>
 * <li>{@code endedAfterUse}: in use, then ended; never classified, no purpose, developer and generative AI unknown;</li>
 * <li>{@code planned}: planned, HIGH (Annex III 4(a)), "Personeelsselectie", purchased, not generative.</li>
 * </ul>
 */
final class SamplePortfolio {

    final String organisation;
    final String high = UUID.randomUUID().toString();
    final String chatbot = UUID.randomUUID().toString();
    final String endedExperiment = UUID.randomUUID().toString();
    final String endedAfterUse = UUID.randomUUID().toString();
    final String planned = UUID.randomUUID().toString();
    final String highName;

    SamplePortfolio(String organisation, String highName) {
        this.organisation = organisation;
        this.highName = highName;
    }

    SamplePortfolio publish(QueryApi api) {
        Instant t = Instant.parse("2026-01-10T10:00:00Z");
        api.publish(high, 0, registered(high, highName, Phase.IN_USE, "Fraudedetectie", DevelopedBy.INTERNAL, false,
                LocalDate.of(2020, 3, 1)), t);
        api.publish(high, 1, classified(high, RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.5(a)"), t.plusSeconds(1));
        api.publish(high, 2, new AssessmentRecorded(high, "a1", AssessmentType.DPIA, null, AssessmentStatus.DONE, LocalDate.of(2020, 1, 5),
                "dms://dpia", null), t.plusSeconds(2));
        api.publish(high, 3, new AssessmentRecorded(high, "a2", AssessmentType.IAMA, null, AssessmentStatus.PLANNED,
                LocalDate.of(2027, 1, 5), null, null), t.plusSeconds(3));
        api.publish(high, 4, new PublicRegistrationRecorded(high, PublicRegister.ALGORITMEREGISTER, AlgoritmeregisterCategory.A, "ar-1",
                LocalDate.of(2025, 6, 1)), t.plusSeconds(4));
        api.publish(high, 5, new PublicRegistrationRecorded(high, PublicRegister.EU_DATABASE, null, "EU-1", LocalDate.of(2025, 6, 2)),
                t.plusSeconds(5));

        api.publish(chatbot, 0, registered(chatbot, "Chatbot", Phase.EXPERIMENT, "Kennisverwerking", DevelopedBy.PURCHASED, true,
                LocalDate.of(2025, 5, 1)), t);
        api.publish(chatbot, 1, classified(chatbot, RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(1)"), t.plusSeconds(1));
        api.publish(chatbot, 2, new AssessmentRecorded(chatbot, "b1", AssessmentType.DPIA, null, AssessmentStatus.IN_PROGRESS,
                LocalDate.of(2025, 5, 2), null, null), t.plusSeconds(2));
        api.publish(chatbot, 3, new AssessmentRecorded(chatbot, "b1", AssessmentType.DPIA, null, AssessmentStatus.DONE,
                LocalDate.of(2025, 8, 2), null, AssessmentStatus.IN_PROGRESS), t.plusSeconds(3));

        api.publish(endedExperiment, 0, registered(endedExperiment, "Routeplanner", Phase.EXPERIMENT, "Kennisverwerking",
                DevelopedBy.PARTNERSHIP, false, LocalDate.of(2023, 2, 1)), t);
        api.publish(endedExperiment, 1, classified(endedExperiment, RiskClass.MINIMAL, null, null), t.plusSeconds(1));
        api.publish(endedExperiment, 2, new PublicRegistrationRecorded(endedExperiment, PublicRegister.ALGORITMEREGISTER,
                AlgoritmeregisterCategory.C, "ar-3", LocalDate.of(2023, 3, 1)), t.plusSeconds(2));
        api.publish(endedExperiment, 3, new SystemEnded(endedExperiment, LocalDate.of(2024, 1, 31), EndReason.INEFFECTIVE, null,
                Phase.EXPERIMENT), t.plusSeconds(3));

        api.publish(endedAfterUse, 0, new AiSystemRegistered(endedAfterUse, organisation, "Oud systeem", null, Phase.EXPERIMENT, null,
                null, null, null, null, null, null, LocalDate.of(2018, 1, 1)), t);
        api.publish(endedAfterUse, 1, new SystemPutIntoService(endedAfterUse, LocalDate.of(2019, 1, 1), Phase.EXPERIMENT),
                t.plusSeconds(1));
        api.publish(endedAfterUse, 2, new SystemEnded(endedAfterUse, LocalDate.of(2024, 6, 30), EndReason.REPLACED, null, Phase.IN_USE),
                t.plusSeconds(2));

        api.publish(planned, 0, registered(planned, "Cv-selectie", Phase.PLANNED, "Personeelsselectie", DevelopedBy.PURCHASED, false,
                LocalDate.of(2026, 1, 5)), t);
        api.publish(planned, 1, classified(planned, RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.4(a)"), t.plusSeconds(1));
        return this;
    }

    List<String> ids() {
        return List.of(high, chatbot, endedExperiment, endedAfterUse, planned);
    }

    private AiSystemRegistered registered(String id, String name, Phase phase, String purpose, DevelopedBy developedBy, boolean generative,
            LocalDate effective) {
        return new AiSystemRegistered(id, organisation, name, "About " + name, phase, purpose, developedBy, "Acme", "model", generative,
                Role.DEPLOYER, true, effective);
    }

    private static RiskClassified classified(String id, RiskClass riskClass, BasisKind kind, String reference) {
        return new RiskClassified(id, LocalDate.of(2026, 1, 10), riskClass,
                kind == null ? List.of() : List.of(new ClassificationBasis(kind, reference)), false, GpaiRelation.NONE, "Rationale",
                RiskClass.UNKNOWN, false);
    }
}
