package org.heard.reporting.dashboard;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The dashboard page and the operations' stream-status page ({@code /dashboard/operations.html}): static files under
 * {@code /dashboard/} (no data in them: every number is fetched from the analyst
 * API with the signed-in person's token, so the disclosure rule and the margin audit hold on screen), served with a
 * strict content security policy; and {@code /dashboard/config.json}, which tells the page how to sign in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
public class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/dashboard", "/dashboard/");
        registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
    }

    /** Scripts and styles from this origin only, no framing, no referrer; the issuer may be called for sign-in. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> dashboardHeaders(DashboardProperties properties) {
        String issuerOrigin = properties.oidc() ? origin(properties.oidcIssuer()) : "";
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'" + (issuerOrigin.isEmpty() ? "" : " " + issuerOrigin) + "; font-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        response.setHeader("Content-Security-Policy", policy);
                        response.setHeader("Referrer-Policy", "no-referrer");
                        response.setHeader("X-Content-Type-Options", "nosniff");
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/dashboard", "/dashboard/*");
        return registration;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** How the page signs in. */
    @RestController
    static class DashboardSettings {

        private final DashboardProperties properties;

        DashboardSettings(DashboardProperties properties) {
            this.properties = properties;
        }

        /**
         * The page's sign-in settings: the OIDC issuer, client id and scopes when configured, else development sign-in
         * (a pasted token); how often the stream-status page refreshes. Public: it holds no data.
         */
        @GetMapping("/dashboard/config.json")
        Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            if (properties.oidc()) {
                config.put("signIn", "oidc");
                config.put("issuer", properties.oidcIssuer());
                config.put("clientId", properties.oidcClientId());
                config.put("scope", properties.oidcScope());
            } else {
                config.put("signIn", "development-token");
            }
            config.put("operationsRefreshSeconds", Math.max(1, properties.operationsRefresh().toSeconds()));
            return config;
        }
    }
}
