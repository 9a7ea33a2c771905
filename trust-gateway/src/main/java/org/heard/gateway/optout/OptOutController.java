package org.heard.gateway.optout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.GatewayProperties;
import org.heard.gateway.apply.InboxWorker;
import org.heard.gateway.inbox.Inbox;
import org.heard.gateway.notice.NoticeKind;
import org.heard.gateway.notice.TrustNotice;
import org.heard.kit.privacy.NhsNumber;
import org.heard.kit.security.Caller;
import org.heard.kit.web.RuleViolation;
import org.heard.kit.web.Unavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.heard.kit.domain.NotInFuture;

/** A trust tells Heard that a qualifying patient opted out of, or declined, the IMHA referral made for them. */
@RestController
@RequestMapping("/api/opt-outs")
@Validated
public class OptOutController {

    /**
     * An opt-out.
     *
     * @param nhsNumber  the patient's NHS number (ten digits, Modulus 11)
     * @param kind       {@code OPTED_OUT} (before contact) or {@code DECLINED} (when offered)
     * @param recordedOn the date they said so, not in the future
     */
    public record OptOutRequest(@NotNull String nhsNumber, @NotNull OptOutKind kind,
                                @NotNull @NotInFuture LocalDate recordedOn) {
        @AssertTrue(message = "must be a valid NHS number (10 digits, Modulus 11)")
        public boolean isNhsNumberValid() {
            return nhsNumber == null || NhsNumber.isValid(nhsNumber);
        }
    }

    private final Inbox inbox;
    private final InboxWorker worker;
    private final GatewayProperties properties;

    public OptOutController(Inbox inbox, InboxWorker worker, GatewayProperties properties) {
        this.inbox = inbox;
        this.worker = worker;
        this.properties = properties;
    }

    /** Stores the opt-out (202 once it is durable); Heard applies it in the order received. */
    @PostMapping
    public ResponseEntity<Map<String, String>> optOut(@Valid @RequestBody OptOutRequest request,
                                                      Authentication authentication) {
        String subject = Caller.of(authentication).subject();
        Map.Entry<String, GatewayProperties.Sender> sender = properties.senders().entrySet().stream()
                .filter(s -> s.getValue().fhirClients().contains(subject)).findFirst()
                .orElseThrow(() -> new RuleViolation("client-not-configured",
                        "this client is not configured to send for a trust"));
        String nhs = NhsNumber.normalise(request.nhsNumber());
        String content = "opt-out|" + nhs + "|" + request.kind() + "|" + request.recordedOn();
        Instant now = inbox.now();
        TrustNotice notice = new TrustNotice(TrustProtocol.FHIR, sender.getKey(),
                "opt-out@" + inbox.digest(content).substring(0, 32), "opt-out", NoticeKind.OPT_OUT,
                sender.getValue().organisation(), now, now,
                new TrustNotice.Patient(nhs, List.of(), null, null, null, null, null), null, null, List.of(),
                new TrustNotice.OptOut(request.kind(), request.recordedOn()));
        try {
            inbox.receive(notice, content);
        } catch (RuntimeException storage) {
            throw new Unavailable("Heard could not store the opt-out just now; send it again");
        }
        worker.nudge();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "stored"));
    }
}
