package eu.aiact.tracker.webapp.i18n;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Dutch and English. The language is the one the user chose ({@code ?lang=nl|en}, kept in a cookie), otherwise the browser's first
 * supported language ({@code Accept-Language}), otherwise Dutch.
 */
@Configuration
public class LocaleConfiguration implements WebMvcConfigurer {

    public static final Locale DUTCH = Locale.forLanguageTag("nl");
    public static final List<Locale> SUPPORTED = List.of(DUTCH, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("tracker_lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocaleFunction(request -> {
            for (Locale wanted : Collections.list(request.getLocales())) {
                for (Locale supported : SUPPORTED) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
            return DUTCH;
        });
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedOnly(change));
    }

    /** Only {@code nl} and {@code en} change the language; anything else is ignored. */
    private record SupportedOnly(LocaleChangeInterceptor delegate) implements org.springframework.web.servlet.HandlerInterceptor {
        @Override
        public boolean preHandle(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                Object handler) throws jakarta.servlet.ServletException {
            String lang = request.getParameter("lang");
            if (lang != null && SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(lang))) {
                return delegate.preHandle(request, response, handler);
            }
            return true;
        }
    }
}
