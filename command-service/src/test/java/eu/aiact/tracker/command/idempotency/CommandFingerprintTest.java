package eu.aiact.tracker.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import tools.jackson.databind.json.JsonMapper;

/**
 * An idempotency key's fingerprint is the command's JSON: fields added to a command later must not change the JSON of a command that
 * does not use them, or a retry (a file imported again after an upgrade) would be refused as a reused key.
 */
class CommandFingerprintTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void aClassificationWithoutTheLaterGpaiFactsHasTheJsonItHadBeforeThem() {
        ClassifyRisk command = new ClassifyRisk("s", RiskClass.HIGH, List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")),
                null, GpaiRelation.NONE, "benefits", LocalDate.of(2024, 1, 1), null);
        assertThat(json.writeValueAsString(command)).isEqualTo("{\"systemId\":\"s\",\"riskClass\":\"HIGH\",\"bases\":[{\"kind\":"
                + "\"ANNEX_III_AREA\",\"reference\":\"III.5(a)\"}],\"annexXComponent\":null,\"gpai\":\"NONE\",\"rationale\":\"benefits\","
                + "\"effectiveDate\":\"2024-01-01\",\"expectedVersion\":null}");
        ClassifyRisk model = new ClassifyRisk("s", RiskClass.MINIMAL, List.of(), null, GpaiRelation.IS_GPAI_MODEL, "a model", null, null,
                true, false);
        assertThat(json.writeValueAsString(model)).contains("\"gpaiSystemicRisk\":true,\"gpaiOpenSource\":false");
        assertThat(json.writeValueAsString(command)).doesNotContain("reviewDate");
        ClassifyRisk reviewed = new ClassifyRisk("s", RiskClass.MINIMAL, List.of(), null, GpaiRelation.NONE, "x", null, null, null, null,
                null, LocalDate.of(2027, 6, 1));
        assertThat(json.writeValueAsString(reviewed)).endsWith("\"reviewDate\":\"2027-06-01\"}");
    }

    @Test
    void aRegistrationWithoutTheLaterReviewDateHasTheJsonItHadBeforeIt() {
        RecordPublicRegistration command = new RecordPublicRegistration("s", PublicRegister.ALGORITMEREGISTER,
                AlgoritmeregisterCategory.B, "ar-1", LocalDate.of(2024, 1, 1), 3L);
        assertThat(json.writeValueAsString(command)).isEqualTo("{\"systemId\":\"s\",\"register\":\"ALGORITMEREGISTER\",\"category\":\"B\","
                + "\"registerId\":\"ar-1\",\"effectiveDate\":\"2024-01-01\",\"expectedVersion\":3}");
        RecordPublicRegistration reviewed = new RecordPublicRegistration("s", PublicRegister.ALGORITMEREGISTER,
                AlgoritmeregisterCategory.B, "ar-1", LocalDate.of(2024, 1, 1), 3L, LocalDate.of(2025, 1, 1));
        assertThat(json.writeValueAsString(reviewed)).endsWith("\"expectedVersion\":3,\"reviewDate\":\"2025-01-01\"}");
    }
}
