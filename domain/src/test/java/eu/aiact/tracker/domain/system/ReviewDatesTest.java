package eu.aiact.tracker.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17: an Algoritmeregister registration and a classification may carry a review date; it is checked (not before the record's
 * effective date), folded (the latest record's date counts: a new one moves it, one without removes it) and handed to the engine.
 */
class ReviewDatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final AiSystemRules RULES = new AiSystemRules(() -> "a-1");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static AiSystemRecord system() {
        return new AiSystemRecord().apply(new AiSystemRegistered("s-1", "Gemeente Utrecht", "Bijstand", "Flags applications",
                Phase.IN_USE, "Benefits", DevelopedBy.PURCHASED, null, null, false, Role.DEPLOYER, true, LocalDate.of(2025, 1, 1)),
                0, Instant.parse("2025-01-01T09:00:00Z"));
    }

    private static RecordPublicRegistration register(PublicRegister register, String effective, String review) {
        return new RecordPublicRegistration("s-1", register, register == PublicRegister.ALGORITMEREGISTER ? AlgoritmeregisterCategory.B
                : null, "ar-1", LocalDate.parse(effective), null, review == null ? null : LocalDate.parse(review));
    }

    private static ClassifyRisk classify(String effective, String review) {
        return new ClassifyRisk("s-1", RiskClass.MINIMAL, List.of(), false, GpaiRelation.NONE, "no Annex III area", LocalDate.parse(effective),
                null, null, null, null, review == null ? null : LocalDate.parse(review));
    }

    @Test
    void reviewDatesAreRecordedFoldedAndMovedByTheLatestRecord() {
        AiSystemRecord record = system();
        PublicRegistrationRecorded registered = RULES.recordRegistration(record, register(PublicRegister.ALGORITMEREGISTER, "2026-01-10",
                "2027-01-10"), TODAY);
        assertThat(registered.reviewDate()).isEqualTo(LocalDate.of(2027, 1, 10));
        record.apply(registered, 1, AT);
        RiskClassified classified = RULES.classify(record, classify("2026-02-01", "2026-02-01"), TODAY);
        assertThat(classified.reviewDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        record.apply(classified, 2, AT);
        assertThat(record.algoritmeregisterReviewDate()).isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(record.classificationReviewDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        SystemFacts facts = record.toFacts();
        assertThat(facts.algoritmeregisterReviewDate()).isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(facts.classificationReviewDate()).isEqualTo(LocalDate.of(2026, 2, 1));

        // the entry reviewed: a new registration with the next review date moves it; an EU database entry does not touch it
        record.apply(RULES.recordRegistration(record, register(PublicRegister.ALGORITMEREGISTER, "2026-11-20", "2027-11-20"), TODAY), 3, AT);
        record.apply(RULES.recordRegistration(record, register(PublicRegister.EU_DATABASE, "2026-11-21", null), TODAY), 4, AT);
        assertThat(record.toFacts().algoritmeregisterReviewDate()).isEqualTo(LocalDate.of(2027, 11, 20));
        // a reclassification without a review date states none: the classification's review date is gone
        record.apply(RULES.classify(record, classify("2026-11-22", null), TODAY), 5, AT);
        assertThat(record.toFacts().classificationReviewDate()).isNull();
    }

    @Test
    void aReviewDateBeforeTheRecordsEffectiveDateIsRefusedNamingReviewDate() {
        InvalidCommandException registration = catchThrowableOfType(InvalidCommandException.class,
                () -> RULES.recordRegistration(system(), register(PublicRegister.ALGORITMEREGISTER, "2026-01-10", "2026-01-09"), TODAY));
        assertThat(registration.field()).isEqualTo("reviewDate");
        assertThat(registration.getMessage()).contains("2026-01-09 is before the registration's effective date 2026-01-10")
                .contains("on or after 2026-01-10");
        InvalidCommandException classification = catchThrowableOfType(InvalidCommandException.class,
                () -> RULES.classify(system(), classify("2026-02-01", "2025-12-31"), TODAY));
        assertThat(classification.field()).isEqualTo("reviewDate");
        assertThat(classification.getMessage()).contains("before the classification's effective date 2026-02-01");
        InvalidCommandException euDatabase = catchThrowableOfType(InvalidCommandException.class,
                () -> RULES.recordRegistration(system(), register(PublicRegister.EU_DATABASE, "2026-01-10", "2027-01-10"), TODAY));
        assertThat(euDatabase.field()).isEqualTo("reviewDate");
        assertThat(euDatabase.getMessage()).contains("the EU database has none");
    }

    @Test
    void eventsRecordedBeforeReviewDatesExistedReadAsNoReviewDate() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        PublicRegistrationRecorded oldRegistration = json.readValue("""
                {"systemId":"s-1","register":"ALGORITMEREGISTER","category":"B","registerId":"ar-1","effectiveDate":"2025-06-01"}""",
                PublicRegistrationRecorded.class);
        RiskClassified oldClassification = json.readValue("""
                {"systemId":"s-1","effectiveDate":"2025-10-01","riskClass":"MINIMAL","bases":[],"annexXComponent":false,
                 "gpai":"NONE","rationale":"x","previousRiskClass":"UNKNOWN","flaggedForReview":false}""", RiskClassified.class);
        AiSystemRecord record = system().apply(oldRegistration, 1, AT).apply(oldClassification, 2, AT);
        assertThat(record.toFacts().algoritmeregisterReviewDate()).isNull();
        assertThat(record.toFacts().classificationReviewDate()).isNull();
    }
}
