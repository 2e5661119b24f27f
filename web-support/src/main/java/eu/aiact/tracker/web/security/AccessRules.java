package eu.aiact.tracker.web.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's URL rules: which roles may call which endpoints at all. Checks per organisation are made by the endpoints themselves,
 * through {@link Caller}. Anything no rule names needs an authenticated caller.
 */
@FunctionalInterface
public interface AccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);

    /** Roles as {@code hasAnyRole} wants them. */
    static String[] roles(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
