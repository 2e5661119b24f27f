package eu.aiact.tracker.webapp.security;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.SignInAgainException;

/** Lets a controller method take the {@link SignedInUser} as a parameter. */
@Configuration
public class SignedInUserResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final CurrentUser currentUser;
    private final Backend backend;

    public SignedInUserResolver(CurrentUser currentUser, Backend backend) {
        this.currentUser = currentUser;
        this.backend = backend;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
            WebDataBinderFactory binders) {
        return current();
    }

    public SignedInUser current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String token;
        try {
            token = backend.accessToken();
        } catch (SignInAgainException expired) {
            token = null;
        }
        return currentUser.of(authentication, token);
    }
}
