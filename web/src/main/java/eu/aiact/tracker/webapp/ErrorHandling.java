package eu.aiact.tracker.webapp;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.SignInAgainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A service's refusal that no form handles becomes a page with the same status (403 stays 403, 404 stays 404), explained in the page's
 * language; an expired sign-in ends the session and starts a new sign-in.
 */
@ControllerAdvice
public class ErrorHandling {

    private final eu.aiact.tracker.webapp.security.SignedInUserResolver users;

    public ErrorHandling(eu.aiact.tracker.webapp.security.SignedInUserResolver users) {
        this.users = users;
    }

    /** An exception handler's model is new: the layout's attributes again. */
    private void layout(Model model, HttpServletRequest request) {
        model.addAttribute("lang", org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage().equals("en") ? "en" : "nl");
        model.addAttribute("path", request.getRequestURI());
        try {
            model.addAttribute("user", users.current());
        } catch (RuntimeException notSignedIn) {
            model.addAttribute("user", null);
        }
    }

    @ExceptionHandler(BackendProblem.class)
    String refused(BackendProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        layout(model, request);
        int status = problem.status() >= 400 && problem.status() < 600 ? problem.status() : 502;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("detail", problem.detail());
        return "error";
    }

    @ExceptionHandler(SignInAgainException.class)
    String signInAgain(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/";
    }

    @ExceptionHandler(org.springframework.web.client.ResourceAccessException.class)
    String unreachable(HttpServletRequest request, HttpServletResponse response, Model model) {
        layout(model, request);
        response.setStatus(HttpStatus.BAD_GATEWAY.value());
        model.addAttribute("status", 502);
        return "error";
    }
}
