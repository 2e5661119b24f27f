package eu.aiact.tracker.web.security;

import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request's bearer token comes from: the {@code Authorization} header only. Never a query parameter or a cookie: a token in an
 * address stays in browser history, logs and Referer headers. Browsers use the web application (which keeps tokens in its server-side
 * session); calendar clients use revocable feed links.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final Pattern HEADER = Pattern.compile("^Bearer (?<token>[A-Za-z0-9\\-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer", 0, 6)) {
            var matcher = HEADER.matcher(header.strip());
            if (!matcher.matches()) {
                throw new InvalidBearerTokenException("The bearer token is malformed");
            }
            return matcher.group("token");
        }
        return null;
    }
}
