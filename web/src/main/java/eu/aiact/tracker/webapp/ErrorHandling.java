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

    @ExceptionHandler(BackendProblem.class)
    String refused(BackendProblem problem, HttpServletResponse response, Model model) {
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
    String unreachable(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.BAD_GATEWAY.value());
        model.addAttribute("status", 502);
        return "error";
    }
}
