package org.heard.gateway.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.gateway.GatewayProperties;
import org.heard.gateway.caseservice.CaseServiceBusy;
import org.heard.gateway.caseservice.CaseServiceRefusal;
import org.heard.gateway.episode.MarkMerged;
import org.heard.gateway.episode.MergePerson;
import org.heard.gateway.episode.RecordOptOut;
import org.heard.gateway.episode.RecordTrustNotice;
import org.heard.gateway.imha.AutomaticReferrals;
import org.heard.gateway.imha.ImhaRule;
import org.heard.gateway.inbox.Inbox;
import org.heard.gateway.notice.TrustNotice;
import org.heard.gateway.notice.TrustNotice.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies the inbox one message at a time, strictly in the order received (so always in order per person): finds or
 * registers the person in case-service, then — in one PostgreSQL transaction — sends the person's command (which
 * stores the gateway's events, the outbox of what it publishes) and marks the message applied. Requested automatic
 * referrals are opened before the next message. A refusal that will not change (case-service's 4xx) parks the
 * message with its reason and the worker moves on; anything that may succeed later (case-service or the database
 * away) is retried with a back-off, holding every later message back, and shows in health.
 */
public class InboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    /** An error the gateway does not expect is retried this often before the message is parked. */
    static final int UNEXPECTED_ATTEMPTS = 5;

    /** Since when the worker has been failing to make progress, and why (null while it is not). */
    public record Stall(Instant since, String reason, int attempts) {
    }

    private final Inbox inbox;
    private final PersonResolver persons;
    private final Identities identities;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final AutomaticReferrals referrals;
    private final ImhaRule rule;
    private final GatewayProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicReference<Stall> stall = new AtomicReference<>();
    /** Refusals by case-service's rate limit since the last line that said so (the worker's thread only). */
    private long rateLimited;
    private Instant rateLimitSaid = Instant.EPOCH;
    private volatile boolean running;
    private Thread thread;

    public InboxWorker(Inbox inbox, PersonResolver persons, Identities identities, CommandGateway commands,
                       TransactionTemplate transactions, AutomaticReferrals referrals, ImhaRule rule,
                       GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.inbox = inbox;
        this.persons = persons;
        this.identities = identities;
        this.commands = commands;
        this.transactions = transactions;
        this.referrals = referrals;
        this.rule = rule;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Null while the worker makes progress. */
    public Stall stall() {
        return stall.get();
    }

    /**
     * One step: open pending referrals, then apply the oldest pending message.
     *
     * @return true when it applied or parked a message (there may be more), false when there was nothing to do
     */
    public boolean step() {
        referrals.openPending();
        Optional<Inbox.Pending> next = inbox.oldestPending();
        if (next.isEmpty()) {
            return false;
        }
        Inbox.Pending pending = next.get();
        try {
            apply(pending);
            meters.counter("heard.gateway.inbox.applied", "outcome", "applied").increment();
        } catch (CaseServiceRefusal refusal) {
            inbox.refused(pending.id(), "case-service:" + refusal.status() + ":" + refusal.rule());
            meters.counter("heard.gateway.inbox.applied", "outcome", "refused").increment();
            log.warn("inbox message {} ({}) refused by case-service: {}", pending.id(), pending.messageType(),
                    refusal.getMessage());
        } catch (RuntimeException unexpected) {
            if (isTransient(unexpected) || pending.attempts() + 1 < UNEXPECTED_ATTEMPTS) {
                inbox.deferred(pending.id(), unexpected.getClass().getSimpleName());
                throw unexpected;
            }
            inbox.refused(pending.id(), "failed:" + unexpected.getClass().getSimpleName());
            meters.counter("heard.gateway.inbox.applied", "outcome", "failed").increment();
            log.error("inbox message {} ({}) parked after {} attempts: {}", pending.id(), pending.messageType(),
                    UNEXPECTED_ATTEMPTS, unexpected.getClass().getName());
        }
        return true;
    }

    static boolean isTransient(RuntimeException e) {
        return e instanceof org.heard.gateway.caseservice.CaseServiceUnavailable
                || e instanceof org.springframework.dao.TransientDataAccessException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException
                || e instanceof org.springframework.transaction.CannotCreateTransactionException
                || e instanceof org.axonframework.modelling.command.ConcurrencyException;
    }

    private void apply(Inbox.Pending pending) {
        TrustNotice notice = pending.notice();
        String key = pending.sender() + ":" + pending.messageId();
        switch (notice.kind()) {
            case MERGE -> merge(pending, notice, key);
            case OPT_OUT -> {
                String personId = persons.resolve(notice, key);
                commit(pending, new RecordOptOut(personId, notice.optOut().kind(), notice.optOut().recordedOn(),
                        notice.protocol()));
            }
            default -> {
                String personId = persons.resolve(notice, key);
                commit(pending, command(personId, notice));
            }
        }
    }

    private RecordTrustNotice command(String personId, TrustNotice notice) {
        TrustNotice.Stay stay = notice.stay();
        RecordTrustNotice.Status status = notice.legalStatus() == null ? null : new RecordTrustNotice.Status(
                notice.legalStatus().code(), notice.legalStatus().codeSystem(), notice.legalStatus().startedAt(),
                rule.qualifies(notice.legalStatus().codeSystem(), notice.legalStatus().code()));
        return new RecordTrustNotice(personId, notice.kind(), notice.protocol(), notice.organisation(),
                notice.occurredAt(), notice.receivedAt(),
                stay == null ? null : identities.ofStay(notice.organisation(), stay.stayId()),
                stay == null ? null : stay.site(), stay == null ? null : stay.ward(),
                stay == null ? null : stay.dischargedAt(), status);
    }

    private void merge(Inbox.Pending pending, TrustNotice notice, String key) {
        String survivor = persons.resolve(notice, key);
        Optional<String> prior = persons.known(notice.organisation(), notice.prior(), this::isNhs);
        java.util.List<String> priorHmacs = notice.prior().stream()
                .map(i -> isNhs(i) ? identities.ofNhsNumber(i.value()) : identities.ofLocal(notice.organisation(), i))
                .toList();
        transactions.executeWithoutResult(tx -> {
            if (prior.isPresent() && !prior.get().equals(survivor)) {
                commands.sendAndWait(new MergePerson(survivor, prior.get(), notice.receivedAt(),
                        notice.organisation()));
                commands.sendAndWait(new MarkMerged(prior.get(), survivor, notice.receivedAt()));
                identities.repoint(prior.get(), survivor);
            }
            identities.remember(priorHmacs, survivor);
            inbox.applied(pending.id(), prior.isPresent() ? "merged" : "nothing-to-merge");
        });
    }

    private boolean isNhs(Identifier identifier) {
        return properties.nhsNumber().authorities().contains(identifier.authority())
                || (identifier.type() != null && properties.nhsNumber().types().contains(identifier.type()));
    }

    private void commit(Inbox.Pending pending, Object command) {
        transactions.executeWithoutResult(tx -> {
            commands.sendAndWait(command);
            inbox.applied(pending.id(), "applied");
        });
    }

    private void loop() {
        Duration backoff = properties.apply().pollInterval();
        while (running) {
            try {
                boolean busy = step();
                stall.set(null);
                backoff = properties.apply().pollInterval();
                if (!busy) {
                    pause(properties.apply().pollInterval());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Stall was = stall.get();
                stall.set(new Stall(was == null ? clock.instant() : was.since(), e.getClass().getSimpleName(),
                        was == null ? 1 : was.attempts() + 1));
                meters.counter("heard.gateway.inbox.retries").increment();
                if (e instanceof CaseServiceBusy busy) {
                    // case-service's rate limit: wait as long as it asks, without backing off further or warning
                    // at every turn (a feed of many new people meets it all the time); one line a minute says so
                    rateLimited++;
                    if (clock.instant().isAfter(rateLimitSaid.plus(Duration.ofMinutes(1)))) {
                        log.info("case-service's rate limit holds the inbox back ({} times since the last line);"
                                + " waiting as it asks", rateLimited);
                        rateLimitSaid = clock.instant();
                        rateLimited = 0;
                    }
                    pause(busy.retryAfter().compareTo(properties.apply().backoffMax()) > 0
                            ? properties.apply().backoffMax() : busy.retryAfter());
                    continue;
                }
                log.warn("applying the inbox failed ({}); trying again in {} ms", e.getClass().getSimpleName(),
                        backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.apply().backoffMax()) > 0
                        ? properties.apply().backoffMax() : backoff.multipliedBy(2);
            }
        }
    }

    private void pause(Duration duration) {
        synchronized (this) {
            try {
                wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Wakes the worker (a receiver stored something). */
    public void nudge() {
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void start() {
        if (!properties.apply().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "inbox-worker");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        nudge();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after Axon and the listeners; stops before them (after the MLLP listener). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
