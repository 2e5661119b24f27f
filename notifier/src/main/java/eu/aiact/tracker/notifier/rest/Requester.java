package eu.aiact.tracker.notifier.rest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.aiact.tracker.web.security.Caller;

/** Who sends the current request: the token's subject; with security off (development and tests), the X-Actor header. */
public final class Requester {

    private Requester() {
    }

    public static String current() {
        Caller caller = Caller.current();
        if (caller.name().isPresent()) {
            return caller.name().get();
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String actor = servlet.getRequest().getHeader("X-Actor");
            if (actor != null && !actor.isBlank()) {
                return actor.strip().length() > 300 ? actor.strip().substring(0, 300) : actor.strip();
            }
        }
        return "anonymous";
    }
}
