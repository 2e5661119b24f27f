package eu.aiact.tracker.web.security;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A validly signed token the tracker refuses all the same (it never expires, or names no caller): a 401 whose detail names the claim,
 * unlike other invalid tokens, whose details are not given away.
 */
public final class UnusableTokenException extends InvalidBearerTokenException {

    public UnusableTokenException(String message) {
        super(message);
    }
}
