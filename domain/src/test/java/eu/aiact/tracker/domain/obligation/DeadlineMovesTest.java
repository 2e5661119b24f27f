package eu.aiact.tracker.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;
import eu.aiact.tracker.domain.system.AiSystemRecord;

/** What the 2026 omnibus moved, decided from the systems' records on the shipped rulebook files. */
class DeadlineMovesTest {

    private static final Rulebooks RULEBOOKS = new RulebookLoader().loadAll(null);
    private static final ObligationEngine ENGINE = new ObligationEngine(90);
    private static final LocalDate OMNIBUS = LocalDate.of(2026, 7, 27);
    private static final ApplicableRulebooks BEFORE = RULEBOOKS.inForceOn(OMNIBUS.minusDays(1));
    private static final ApplicableRulebooks AFTER = RULEBOOKS.inForceOn(OMNIBUS);
    private static final LocalDate DECIDED_ON = LocalDate.of(2026, 7, 27);

    private static AiSystemRecord system(String id, String organisation, Phase phase, RiskClass risk, BasisKind kind, String reference) {
        AiSystemRecord record = new AiSystemRecord();
        Instant at = Instant.parse("2026-01-10T10:00:00Z");
        record.apply(new AiSystemRegistered(id, organisation, "System " + id, "About it", phase, "Benefits", DevelopedBy.PURCHASED, "Acme",
                "m", false, Role.DEPLOYER, true, LocalDate.of(2026, 1, 5)), 0, at);
        if (risk != null) {
            record.apply(new RiskClassified(id, LocalDate.of(2026, 1, 6), risk,
                    kind == null ? List.of() : List.of(new ClassificationBasis(kind, reference)), false, GpaiRelation.NONE, "Rationale",
                    RiskClass.UNKNOWN, false), 1, at.plusSeconds(1));
        }
        return record;
    }

    @Test
    void aPlannedHighRiskSystemsDeadlinesMoveFromTheGeneralDateToDecember2027() {
        AiSystemRecord high = system("high-1", "Dienst", Phase.PLANNED, RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.5(a)");
        List<DeadlineMoves.Move> moves = new DeadlineMoves(ENGINE).of(high, BEFORE, AFTER, DECIDED_ON);
        DeadlineMoves.Move deployer = moves.stream().filter(m -> m.code().equals("ART26-DEPLOYER-DUTIES")).findFirst().orElseThrow();
        assertThat(deployer.oldDueDate()).isEqualTo(LocalDate.of(2026, 8, 2));
        assertThat(deployer.newDueDate()).isEqualTo(LocalDate.of(2027, 12, 2));
        assertThat(deployer.oldRulebook()).isEqualTo("ai-act-2024");
        assertThat(deployer.newRulebook()).isEqualTo("ai-act-2026-omnibus");
        assertThat(deployer.systemId()).isEqualTo("high-1");
        assertThat(deployer.organisation()).isEqualTo("Dienst");
        assertThat(deployer.article()).isEqualTo("Art. 26");
        // AI literacy keeps its date (2025-02-02): not a move
        assertThat(moves).extracting(DeadlineMoves.Move::code).doesNotContain("ART4-LITERACY");
    }

    @Test
    void exactlyTheObligationsWhoseDateDiffersOrThatComeOrGoAreMoves() {
        List<AiSystemRecord> systems = List.of(
                system("a", "Org A", Phase.PLANNED, RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.5(a)"),
                system("b", "Org B", Phase.IN_USE, RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(1)"),
                system("c", "Org B", Phase.EXPERIMENT, RiskClass.MINIMAL, null, null),
                system("d", "Org C", Phase.PLANNED, RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(ba)"),
                new AiSystemRecord());
        List<DeadlineMoves.Move> moves = new DeadlineMoves(ENGINE).between(systems, BEFORE, AFTER, DECIDED_ON);
        for (AiSystemRecord system : systems.subList(0, 4)) {
            List<Obligation> old = ENGINE.evaluate(system.toFacts(), BEFORE, DECIDED_ON);
            List<Obligation> now = ENGINE.evaluate(system.toFacts(), AFTER, DECIDED_ON);
            for (Obligation was : old) {
                Obligation is = now.stream().filter(o -> o.code().equals(was.code())).findFirst().orElse(null);
                boolean moved = is == null || !Objects.equals(is.dueDate(), was.dueDate());
                assertThat(moves.stream().anyMatch(m -> m.systemId().equals(system.id()) && m.code().equals(was.code())))
                        .as(system.id() + " " + was.code()).isEqualTo(moved);
            }
            for (Obligation is : now) {
                if (old.stream().noneMatch(o -> o.code().equals(is.code()))) {
                    assertThat(moves).as("added: " + system.id() + " " + is.code()).anyMatch(m -> m.systemId().equals(system.id())
                            && m.code().equals(is.code()) && m.oldDueDate() == null && Objects.equals(m.newDueDate(), is.dueDate()));
                }
            }
        }
        assertThat(moves).isNotEmpty().allSatisfy(m -> assertThat(Objects.equals(m.oldDueDate(), m.newDueDate())).isFalse());
        // the same records give the same moves, in the same order
        assertThat(new DeadlineMoves(ENGINE).between(systems, BEFORE, AFTER, DECIDED_ON)).isEqualTo(moves);
    }
}
