package eu.aiact.tracker.web.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a request's bearer token comes from: the {@code Authorization} header; on the configured browser and calendar paths (GET only)
 * also the {@code access_token} query parameter or the {@code tracker_token} cookie that a first such request sets, so that the links
 * of a dashboard page keep working. Writes always need the header, so the cookie cannot be used for cross-site requests that change data.
 */
final class BearerTokens implements BearerTokenResolver {

    static final String QUERY_PARAMETER = "access_token";
    static final String COOKIE = "tracker_token";
    private static final Pattern HEADER = Pattern.compile("^Bearer (?<token>[A-Za-z0-9\\-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    private final List<PathPattern> browserPaths;

    BearerTokens(List<String> paths) {
        this.browserPaths = paths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

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
        if (!onBrowserPath(request)) {
            return null;
        }
        String parameter = request.getParameter(QUERY_PARAMETER);
        if (parameter != null && !parameter.isBlank()) {
            return parameter.strip();
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    boolean onBrowserPath(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        var path = org.springframework.http.server.PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return browserPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** After a token from the query string was accepted, keeps it in an HttpOnly, same-site cookie for the page's links. */
    OncePerRequestFilter cookieSetter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String parameter = request.getParameter(QUERY_PARAMETER);
                if (parameter != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null && onBrowserPath(request)
                        && SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
                    long seconds = token.getToken().getExpiresAt() == null ? 3600
                            : Math.max(0, Duration.between(java.time.Instant.now(), token.getToken().getExpiresAt()).toSeconds());
                    response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, parameter.strip()).httpOnly(true).sameSite("Strict")
                            .path("/").maxAge(seconds).secure(request.isSecure()).build().toString());
                }
                chain.doFilter(request, response);
            }
        };
    }
}
