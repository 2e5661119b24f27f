package eu.aiact.tracker.webapp;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.webapp.security.SignedInUserResolver;
import jakarta.servlet.http.HttpServletRequest;

/** What every page's layout needs: the signed-in user (for the header and which links to show), the language, the current path. */
@ControllerAdvice
public class PageModel {

    private final SignedInUserResolver users;

    public PageModel(SignedInUserResolver users) {
        this.users = users;
    }

    @ModelAttribute("user")
    SignedInUser user(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        return users.current();
    }

    @ModelAttribute("lang")
    String lang(Locale locale) {
        return locale.getLanguage().equals("en") ? "en" : "nl";
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
