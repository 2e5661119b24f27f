package eu.aiact.tracker.query.rest;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import eu.aiact.tracker.query.projection.AiSystemProjection;
import eu.aiact.tracker.stream.RebuildProgress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * While the projection is being rebuilt, every API answer says so in the header {@code X-Projection-Rebuild} (e.g.
 * {@code running; 1200/5000 events}): the answer comes from tables that are still being filled.
 */
@Configuration
public class RebuildNotice implements WebMvcConfigurer {

    public static final String HEADER = "X-Projection-Rebuild";

    private final AiSystemProjection projection;

    public RebuildNotice(AiSystemProjection projection) {
        this.projection = projection;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                RebuildProgress.Status status = projection.rebuildProgress().status();
                if (status.running()) {
                    response.setHeader(HEADER, "running; " + status.eventsDone() + "/" + status.eventsTotal() + " events");
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }
}
