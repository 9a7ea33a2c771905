package org.heard.reporting.impact;

import java.util.Set;

import org.heard.kit.security.AuditTrail;
import org.heard.kit.security.Caller;
import org.heard.kit.web.RateLimits;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every analyst query is rate-limited per caller (429 with Retry-After); a person-level one (rows per pseudonymised
 * person of a dataset) is audited before it is answered, naming the dataset: no audit, no rows.
 */
@Configuration(proxyBeanMethods = false)
public class AnalystQueries implements WebMvcConfigurer {

    /** The analyst endpoints that answer one row per person. */
    static final Set<String> PERSON_LEVEL = Set.of("/api/impact/people", "/api/impact/trajectories");

    private final RateLimits rateLimits;
    private final AuditTrail audit;

    public AnalystQueries(RateLimits rateLimits, AuditTrail audit) {
        this.rateLimits = rateLimits;
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
                rateLimits.take(RateLimits.Limit.ANALYST_QUERY, caller);
                String path = request.getRequestURI();
                String dataset = request.getParameter("dataset");
                // a query without a well-formed dataset is refused by the endpoint, and gives no rows to audit
                if (PERSON_LEVEL.contains(path) && dataset != null && dataset.matches("[A-Za-z0-9-]{1,40}")) {
                    audit.personalDataRead(caller, "dataset/" + dataset + " " + path, "analysis (person-level rows)");
                }
                return true;
            }
        }).addPathPatterns("/api/impact/**");
    }
}
