package eu.aiact.tracker.webapp.feeds;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.aiact.tracker.webapp.WebProperties;
import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * The user's calendar feed links: make one for an organisation (its address is shown once, to paste into a calendar application), see
 * when each was last fetched, revoke one. The query service keeps them ({@code /api/feeds}) and serves {@code /feeds/{secret}/deadlines.ics}.
 */
@Controller
public class FeedsController {

    private final Backend backend;
    private final WebProperties properties;
    private final eu.aiact.tracker.webapp.Format format;

    public FeedsController(Backend backend, WebProperties properties, eu.aiact.tracker.webapp.Format format) {
        this.backend = backend;
        this.properties = properties;
        this.format = format;
    }

    @GetMapping("/feeds")
    String feeds(SignedInUser user, Model model) {
        List<Map<String, Object>> feeds = backend.getList(Service.QUERY, "/api/feeds", Map.of());
        feeds.forEach(feed -> feed.put("createdLabel", format.instant(feed.get("createdAt"))));
        model.addAttribute("feeds", feeds);
        Map<String, Object> counts = backend.getMap(Service.QUERY, "/api/portfolio/organisations", Map.of());
        model.addAttribute("organisations", user.scope(Capability.VIEW).map(List::copyOf).orElseGet(() -> List.copyOf(counts.keySet())));
        return "feeds";
    }

    @PostMapping("/feeds")
    String create(@RequestParam String organisation, RedirectAttributes redirect) {
        Map<String, Object> created = backend.post(Service.QUERY, "/api/feeds", Map.of(), Map.of("organisation", organisation), Map.of());
        redirect.addFlashAttribute("createdUrl", properties.feeds().toString().replaceAll("/$", "") + created.get("path"));
        redirect.addFlashAttribute("createdOrganisation", organisation);
        return "redirect:/feeds";
    }

    @PostMapping("/feeds/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        backend.delete(Service.QUERY, "/api/feeds/" + id);
        redirect.addFlashAttribute("revoked", true);
        return "redirect:/feeds";
    }
}
