package eu.aiact.tracker.command.rest;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import eu.aiact.tracker.web.security.Caller;

/** Gives every command endpoint its {@link RequestOrigin} from the authenticated caller and the request headers. */
@Configuration
public class RequestOriginResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == RequestOrigin.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        return RequestOrigin.of(Caller.current(), request.getHeader(RequestOrigin.ACTOR_HEADER), request.getHeader(RequestOrigin.CORRELATION_HEADER),
                request.getHeader(RequestOrigin.IDEMPOTENCY_HEADER));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
