package org.heard.gateway.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.heard.contracts.trust.TrustProtocol;
import org.heard.gateway.GatewayProperties;
import org.heard.gateway.apply.InboxWorker;
import org.heard.gateway.inbox.Inbox;
import org.heard.gateway.inbox.Receipt;
import org.heard.gateway.notice.NoticeKind;
import org.heard.gateway.notice.TrustNotice;
import org.heard.kit.security.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the FHIR endpoints share: who the client sends for, reading the body strictly, validating against base R4 and
 * the UK Core profile, and storing the notice in the inbox before anything is answered 2xx.
 */
final class FhirIntake {

    private static final Logger log = LoggerFactory.getLogger(FhirIntake.class);

    /** The trust a client sends for, by the token's subject. */
    record Sender(String facility, GatewayProperties.Sender config) {
    }

    final FhirContext fhir;
    final FhirReader reader;
    private final FhirValidation validation;
    private final Inbox inbox;
    private final InboxWorker worker;
    private final GatewayProperties properties;
    private final MeterRegistry meters;

    FhirIntake(FhirContext fhir, UkCore ukCore, FhirValidation validation, Inbox inbox, InboxWorker worker,
               GatewayProperties properties, MeterRegistry meters) {
        this.fhir = fhir;
        this.reader = new FhirReader(fhir, ukCore);
        this.validation = validation;
        this.inbox = inbox;
        this.worker = worker;
        this.properties = properties;
        this.meters = meters;
    }

    Sender sender() {
        String subject = Caller.of(SecurityContextHolder.getContext().getAuthentication()).subject();
        for (Map.Entry<String, GatewayProperties.Sender> sender : properties.senders().entrySet()) {
            if (sender.getValue().fhirClients().contains(subject)) {
                return new Sender(sender.getKey(), sender.getValue());
            }
        }
        throw new ForbiddenOperationException("This client is not configured to send for a trust",
                Outcomes.of(List.of(Outcomes.issue(org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN, null,
                        "this client is not configured to send for a trust"))));
    }

    /** Parses a body strictly (unknown elements are errors); the answer never quotes the body. */
    <T extends IBaseResource> T parse(String body, String contentType, Class<T> type) {
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        IParser parser = encoding == EncodingEnum.XML ? fhir.newXmlParser() : fhir.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(type, body);
        } catch (DataFormatException | ClassCastException e) {
            throw Outcomes.unprocessable(fhir, type.getSimpleName(),
                    "the body is not a well-formed FHIR R4 " + type.getSimpleName() + " resource");
        }
    }

    /** Validates a resource; 422 naming every element in error. {@code path} roots the expressions. */
    void validate(IBaseResource resource, String profile, String path) {
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (OperationOutcomeIssueComponent issue : validation.errors(resource, profile)) {
            if (path != null) {
                List<org.hl7.fhir.r4.model.StringType> rooted = new ArrayList<>();
                String type = resource.fhirType();
                issue.getExpression().forEach(e -> rooted.add(new org.hl7.fhir.r4.model.StringType(
                        e.getValue().startsWith(type) ? path + e.getValue().substring(type.length()) : e.getValue())));
                issue.setExpression(rooted);
            }
            issues.add(issue);
        }
        if (!issues.isEmpty()) {
            meters.counter("heard.gateway.fhir.resources", "outcome", "invalid", "type", resource.fhirType())
                    .increment();
            throw Outcomes.unprocessable(fhir, issues);
        }
    }

    /** The sender's message id for a resource: its type and id, and a digest of its content. */
    String messageId(IBaseResource resource, String canonical) {
        String id = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : "-";
        return resource.fhirType() + "/" + id + "@" + inbox.digest(canonical).substring(0, 32);
    }

    String canonical(IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    TrustNotice patientNotice(Patient patient, Sender sender, String path) {
        String canonical = canonical(patient);
        return new TrustNotice(TrustProtocol.FHIR, sender.facility(), messageId(patient, canonical), "FHIR Patient",
                NoticeKind.PERSON_DETAILS, sender.config().organisation(), now(), now(), reader.patient(patient, path),
                null, null, List.of(), null);
    }

    TrustNotice encounterNotice(Encounter encounter, TrustNotice.Patient patient, Sender sender, String path) {
        return reader.encounter(encounter, patient, path, sender.facility(), sender.config().organisation(),
                messageId(encounter, canonical(encounter)), now());
    }

    /** The person an Encounter on its own names (subject.identifier with the NHS number system). */
    TrustNotice.Patient subjectOf(Encounter encounter, String path) {
        var identifier = encounter.getSubject().getIdentifier();
        if (!UkCore.NHS_NUMBER_SYSTEM.equals(identifier.getSystem()) || !identifier.hasValue()) {
            throw Outcomes.unprocessable(fhir, path + ".subject.identifier",
                    "an Encounter sent on its own names its patient by NHS number (identifier with system "
                            + UkCore.NHS_NUMBER_SYSTEM + "); or send it in a transaction Bundle with the Patient");
        }
        if (!org.heard.kit.privacy.NhsNumber.isValid(identifier.getValue())) {
            throw Outcomes.unprocessable(fhir, path + ".subject.identifier.value",
                    "is not a valid NHS number (10 digits, Modulus 11)");
        }
        return new TrustNotice.Patient(org.heard.kit.privacy.NhsNumber.normalise(identifier.getValue()), List.of(),
                null, null, null, null, null);
    }

    /** Stores notices in the inbox; 503 when the database is away, and a resend then is safe (what was stored is a duplicate). */
    List<Receipt> store(List<TrustNotice> notices, List<String> contents) {
        List<Receipt> receipts = new ArrayList<>();
        try {
            for (int i = 0; i < notices.size(); i++) {
                receipts.add(inbox.receive(notices.get(i), contents.get(i)));
            }
        } catch (RuntimeException storage) {
            log.warn("FHIR resource not stored ({}); answered 503", storage.getClass().getSimpleName());
            meters.counter("heard.gateway.fhir.resources", "outcome", "unavailable", "type", "any").increment();
            throw Outcomes.unavailable();
        }
        notices.forEach(n -> meters.counter("heard.gateway.fhir.resources", "outcome", "stored", "type",
                n.messageType()).increment());
        worker.nudge();
        return receipts;
    }

    Instant now() {
        return inbox.now();
    }
}
