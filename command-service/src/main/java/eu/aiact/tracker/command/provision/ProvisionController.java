package eu.aiact.tracker.command.provision;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.domain.provision.Provision;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;

/**
 * {@code GET /api/provisions}: the catalogue of legal provisions a classification's bases may name, for the web forms' pickers. Any
 * signed-in user may read it.
 */
@RestController
public class ProvisionController {

    /** One provision as the API answers it (declared apart from the domain's record). */
    public record ProvisionView(String id, BasisKind kind, Title title, List<String> aliases, String source, String parent) {

        public record Title(String nl, String en) {
        }

        static ProvisionView of(Provision p) {
            return new ProvisionView(p.id(), p.kind(), new Title(p.title().nl(), p.title().en()), p.aliases(), p.source(), p.parent());
        }
    }

    private final List<ProvisionView> views;

    public ProvisionController(ProvisionCatalogue catalogue) {
        this.views = catalogue.all().stream().map(ProvisionView::of).toList();
    }

    /** Every provision in catalogue order: Art 5(1), Annex III, Annex I, Art 50, Art 6(3); the 2026 additions after the published text. */
    @GetMapping("/api/provisions")
    public List<ProvisionView> provisions() {
        return views;
    }
}
