package eu.aiact.tracker.web.security;

/**
 * The caller is known but its roles do not allow the request (403). The message names the capability, never data of the organisation
 * asked about.
 */
public class AccessRefusedException extends RuntimeException {

    public AccessRefusedException(String message) {
        super(message);
    }
}
