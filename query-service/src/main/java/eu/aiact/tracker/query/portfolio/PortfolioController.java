package eu.aiact.tracker.query.portfolio;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Capability;

/** Portfolio counts for CIO offices and parliaments: per organisation or across all. */
@RestController
@RequestMapping("/api/portfolio")
public class PortfolioController {

    private final PortfolioRepository portfolios;
    private final OrganisationScope scope;

    public PortfolioController(PortfolioRepository portfolios, OrganisationScope scope) {
        this.scope = scope;
        this.portfolios = portfolios;
    }

    @GetMapping
    public Portfolio portfolio(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(defaultValue = "100") @Min(0) @Max(10000) int listLimit) {
        return portfolios.portfolio(scope.filter(organisation, Capability.VIEW), listLimit);
    }

    /** Every organisation and its number of systems. */
    @GetMapping("/organisations")
    public Map<String, Long> organisations() {
        return scope.visible(portfolios.organisations(), Capability.VIEW);
    }
}
