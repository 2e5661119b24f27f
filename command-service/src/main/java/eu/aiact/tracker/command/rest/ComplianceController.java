package eu.aiact.tracker.command.rest;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.RecordSignificantModification;
import jakarta.validation.Valid;

/** Classification, modifications, assessments, registrations, evidence and corrections of an AI system. */
@RestController
@RequestMapping("/api/systems/{id}")
public class ComplianceController {

    private final CommandSender sender;

    public ComplianceController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping("/classification")
    public ResponseEntity<CommandOutcome> classify(@PathVariable String id, @Valid @RequestBody ClassificationRequest request,
            RequestOrigin origin) {
        return sender.update(id, new ClassifyRisk(id, request.riskClass(), request.bases(), request.annexXComponent(), request.gpai(),
                request.rationale(), request.effectiveDate(), request.expectedVersion(), request.gpaiSystemicRisk(), request.gpaiOpenSource(),
                request.profilesPersons(), request.reviewDate()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/modifications")
    public ResponseEntity<CommandOutcome> modify(@PathVariable String id, @Valid @RequestBody ModificationRequest request,
            RequestOrigin origin) {
        return sender.update(id, new RecordSignificantModification(id, request.effectiveDate(), request.description(),
                request.expectedVersion()), CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/assessments")
    public ResponseEntity<CommandOutcome> assess(@PathVariable String id, @Valid @RequestBody AssessmentRequest request,
            RequestOrigin origin) {
        CommandMetadata metadata = CommandMetadata.of(origin, request.reason());
        // a retried request under the same key must name the same assessment, so the key derives its id
        String assessmentId = request.assessmentId() != null && !request.assessmentId().isBlank() ? request.assessmentId().strip()
                : origin.idempotencyKey() != null ? UUID.nameUUIDFromBytes((id + ":" + origin.idempotencyKey()).getBytes()).toString()
                : UUID.randomUUID().toString();
        return sender.update(id, new RecordAssessment(id, assessmentId, request.type(), request.name(), request.status(),
                request.effectiveDate(), request.reference(), request.expectedVersion()), metadata, assessmentId);
    }

    @PostMapping("/registrations")
    public ResponseEntity<CommandOutcome> register(@PathVariable String id, @Valid @RequestBody RegistrationRequest request,
            RequestOrigin origin) {
        return sender.update(id, new RecordPublicRegistration(id, request.register(), request.category(), request.registerId(),
                request.effectiveDate(), request.expectedVersion(), request.reviewDate()), CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/evidence")
    public ResponseEntity<CommandOutcome> evidence(@PathVariable String id, @Valid @RequestBody EvidenceRequest request,
            RequestOrigin origin) {
        return sender.update(id, new RecordObligationEvidence(id, request.obligationCode(), request.kind(), request.statement(),
                request.reference(), request.effectiveDate(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/corrections")
    public ResponseEntity<CommandOutcome> correct(@PathVariable String id, @Valid @RequestBody CorrectionRequest request,
            RequestOrigin origin) {
        return sender.update(id, new CorrectFact(id, request.fact(), request.value(), request.rationale(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }
}
