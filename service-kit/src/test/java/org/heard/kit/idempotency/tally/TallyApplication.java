package org.heard.kit.idempotency.tally;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.heard.kit.security.AccessRules;
import org.heard.kit.security.Caller;
import org.heard.kit.web.RuleViolation;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A small write service on the kit, for the idempotency tests: a tally aggregate whose marks must be distinct, and an
 * endpoint that can refuse, fail after recording, record twice, or stop half-way until the test lets it go on.
 */
@SpringBootApplication
public class TallyApplication {

    /** Mark a tally with a label (the tally is made on its first mark). */
    public record MarkTally(@TargetAggregateIdentifier String tallyId, String label) {
    }

    /** A tally was marked. */
    public record TallyMarked(String tallyId, String label) {
    }

    @Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")
    public static class Tally {

        @AggregateIdentifier
        private String tallyId;
        private final Set<String> labels = new HashSet<>();

        protected Tally() {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        public void handle(MarkTally command) {
            if (labels.contains(command.label())) {
                throw new RuleViolation("label-marked", "this tally already has that label");
            }
            apply(new TallyMarked(command.tallyId(), command.label()));
        }

        @EventSourcingHandler
        void on(TallyMarked event) {
            this.tallyId = event.tallyId();
            labels.add(event.label());
        }
    }

    /**
     * What the endpoint does: {@code mark}; {@code deny} (a record-level refusal before anything is recorded);
     * {@code fail-after} (records, then fails); {@code twice} (records, then breaks the rule by recording the same
     * label again); {@code hold-after} (records, then waits until the test releases it). With the header
     * {@code X-Test-Explode} a filter between the idempotency filter and the dispatcher throws once it is handled.
     */
    public record MarkRequest(String label, String then) {
    }

    /** The tally's marks as this request sees them. */
    public record Marked(String tallyId, long events) {
    }

    /** Requests stopped half-way, by label. */
    public static final class Holds {
        static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

        public static Hold of(String label) {
            return HOLDS.computeIfAbsent(label, l -> new Hold());
        }

        private Holds() {
        }
    }

    /** One stopped request: it says where it is and which database session it runs in, and waits to go on. */
    public static final class Hold {
        public final CountDownLatch reached = new CountDownLatch(1);
        public final CountDownLatch release = new CountDownLatch(1);
        public volatile int backendPid;
    }

    @RestController
    public static class TallyController {

        private final CommandGateway commands;
        private final JdbcTemplate jdbc;

        public TallyController(CommandGateway commands, JdbcTemplate jdbc) {
            this.commands = commands;
            this.jdbc = jdbc;
        }

        @PostMapping("/test/tallies/{tallyId}/marks")
        public ResponseEntity<Marked> mark(@PathVariable String tallyId, @RequestBody MarkRequest request)
                throws InterruptedException {
            if ("deny".equals(request.then())) {
                throw new AccessDeniedException("not this caller's tally");
            }
            commands.sendAndWait(new MarkTally(tallyId, request.label()));
            switch (request.then() == null ? "" : request.then()) {
                case "fail-after" -> throw new IllegalStateException("failed after recording");
                case "twice" -> commands.sendAndWait(new MarkTally(tallyId, request.label()));
                case "hold-after" -> {
                    Hold hold = Holds.of(request.label());
                    hold.backendPid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
                    hold.reached.countDown();
                    if (!hold.release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                }
                default -> {
                }
            }
            Long events = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Long.class, tallyId);
            return ResponseEntity.status(201).body(new Marked(tallyId, events));
        }
    }

    @Bean
    AccessRules tallyAccess() {
        return rules -> rules.requestMatchers(HttpMethod.POST, "/test/**").hasRole(Caller.ADVOCATE);
    }

    /** Between the idempotency filter and the dispatcher: throws after a request with X-Test-Explode was handled. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> explodingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        chain.doFilter(request, response);
                        if (request.getHeader("X-Test-Explode") != null) {
                            throw new IllegalStateException("a filter failed after the request was handled");
                        }
                    }
                });
        registration.setOrder(1);
        return registration;
    }
}
