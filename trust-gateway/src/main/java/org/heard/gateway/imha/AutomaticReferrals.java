package org.heard.gateway.imha;

import java.time.LocalDate;
import java.time.ZoneId;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.heard.gateway.caseservice.CaseServiceClient;
import org.heard.gateway.caseservice.CaseServiceRefusal;
import org.heard.gateway.episode.RecordAutomaticReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the requested IMHA referrals in case-service — source {@code TRUST_FEED}, referred on the day the trust
 * notified Heard, with the legal status on the case — and records each with its first-contact clock
 * ({@code AutomaticImhaReferralMade}). Idempotency keys named after the qualifying episode make a retry return the
 * same case. A refusal (e.g. the person was erased) is kept with its reason and opens nothing.
 */
public class AutomaticReferrals {

    private static final Logger log = LoggerFactory.getLogger(AutomaticReferrals.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final ReferralRequests requests;
    private final CaseServiceClient caseService;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final ImhaRule rule;

    public AutomaticReferrals(ReferralRequests requests, CaseServiceClient caseService, CommandGateway commands,
                              TransactionTemplate transactions, ImhaRule rule) {
        this.requests = requests;
        this.caseService = caseService;
        this.commands = commands;
        this.transactions = transactions;
        this.rule = rule;
    }

    /**
     * Opens every pending referral, oldest first.
     *
     * @throws RuntimeException of a transient kind when case-service or the database is away (the caller backs off)
     */
    public void openPending() {
        for (ReferralRequests.Request request : requests.pending()) {
            open(request);
        }
    }

    private void open(ReferralRequests.Request request) {
        String key = "heard-gateway:referral:" + request.qualifyingEpisodeId();
        String caseId;
        try {
            caseId = caseService.openImhaReferral(request.personId(),
                    LocalDate.ofInstant(request.notifiedAt(), LONDON), request.organisation(), key);
        } catch (CaseServiceRefusal refusal) {
            log.warn("case-service refused an automatic IMHA referral ({})", refusal.getMessage());
            requests.refused(request.qualifyingEpisodeId(), "case-service:" + refusal.status() + ":" + refusal.rule());
            return;
        }
        String outcome = "opened";
        try {
            caseService.recordLegalStatus(caseId, request.legalStatusCode(),
                    LocalDate.ofInstant(request.startedAt(), LONDON), key + ":legal-status");
        } catch (CaseServiceRefusal refusal) {
            // the referral stands; the case shows no legal status until an advocate records one
            outcome = "legal-status refused (" + refusal.status() + ", " + refusal.rule() + ")";
            log.warn("case-service refused the legal status of an automatic referral ({})", refusal.getMessage());
        }
        String result = outcome;
        transactions.executeWithoutResult(tx -> {
            commands.sendAndWait(new RecordAutomaticReferral(request.personId(), request.qualifyingEpisodeId(),
                    caseId, request.notifiedAt(), rule.firstContactDueBy(request.notifiedAt()), rule.name()));
            requests.done(request.qualifyingEpisodeId(), caseId, result);
        });
    }
}
