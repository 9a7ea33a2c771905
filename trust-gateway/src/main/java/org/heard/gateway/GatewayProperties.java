package org.heard.gateway;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the trust gateway ({@code heard.gateway.*}): where it listens, which trusts may send and how each
 * carries legal status, the IMHA referral rule, and how it reaches case-service.
 *
 * @param mllp          the HL7 v2 listener
 * @param senders       the trusts' sending systems, by sending facility (MSH-4); nobody else is accepted
 * @param mappings      where a sender's messages carry the legal status, by mapping name
 * @param nhsNumber     how an NHS number is recognised in PID-3
 * @param imha          the opt-out IMHA referral rule and the first-contact clock
 * @param caseService   case-service, which receives the gateway's commands
 * @param apply         the worker that applies the inbox in order
 */
@ConfigurationProperties("heard.gateway")
public record GatewayProperties(
        @DefaultValue Mllp mllp,
        Map<String, Sender> senders,
        Map<String, LegalStatusMapping> mappings,
        @DefaultValue NhsNumberIdentifier nhsNumber,
        @DefaultValue Imha imha,
        @DefaultValue CaseService caseService,
        @DefaultValue Apply apply) {

    public GatewayProperties {
        senders = senders == null ? Map.of() : Map.copyOf(senders);
        mappings = mappings == null ? Map.of() : Map.copyOf(mappings);
    }

    /**
     * The MLLP listener. With {@code tls.enabled} the listener is TLS only, with the key and trust material of the
     * Spring Boot SSL bundle named {@code tls.bundle}; with {@code tls.need-client-auth} (true by default) a sender must present a
     * certificate the bundle trusts (mutual TLS), and a sender configured with a {@code tls-subject} must present
     * exactly that one.
     */
    public record Mllp(@DefaultValue("true") boolean enabled, @DefaultValue("2575") int port,
                       @DefaultValue Tls tls) {
    }

    public record Tls(@DefaultValue("false") boolean enabled, @DefaultValue("mllp") String bundle,
                      @DefaultValue("true") boolean needClientAuth) {
    }

    /**
     * One trust's sending system.
     *
     * @param organisation the trust's ODS code, which every event of this sender carries
     * @param legalStatus  the name of the mapping that finds the legal status in its messages
     * @param codeSystem   the legal status code system the sender uses unless a message says otherwise
     * @param zone         the time zone of its times without an offset
     * @param tlsSubject   the certificate subject it must present over mutual TLS, or null for any trusted one
     * @param fhirClients  the token subjects (sub) of FHIR clients that speak for this sender
     */
    public record Sender(String organisation, @DefaultValue("zls") String legalStatus,
                         @DefaultValue("ENGLAND") LegalStatusCodeSystem codeSystem,
                         @DefaultValue("Europe/London") ZoneId zone, String tlsSubject, Set<String> fhirClients) {
        public Sender {
            fhirClients = fhirClients == null ? Set.of() : Set.copyOf(fhirClients);
        }
    }

    /**
     * Where a sender carries the legal status: the segment, the field holding the code, and optionally the field of
     * when it began. Trusts differ (a Z-segment, an OBX, a field of PV2), so this is configuration, per sender.
     *
     * @param segment         the segment, e.g. {@code ZLS} or {@code OBX}
     * @param field           the field holding the code (its first component, unless {@code component} says
     *                        otherwise)
     * @param component       the component of {@code field} holding the code
     * @param systemComponent the component of {@code field} naming the code system ({@code UKCORE-ENGLAND},
     *                        {@code UKCORE-WALES}, or the UK Core code system URL), 0 for none
     * @param startedField    the field holding when the status began, 0 for none
     * @param whereField      for a repeating segment such as OBX: the field that picks the right one, 0 for none
     * @param whereValue      the value {@code whereField}'s first component must have
     * @param translations    the sender's own codes and the UK Core codes they mean; empty when it sends UK Core
     *                        codes
     */
    public record LegalStatusMapping(String segment, int field, @DefaultValue("1") int component,
                                     @DefaultValue("0") int systemComponent, @DefaultValue("0") int startedField,
                                     @DefaultValue("0") int whereField, String whereValue,
                                     Map<String, String> translations) {
        public LegalStatusMapping {
            translations = translations == null ? Map.of() : Map.copyOf(translations);
        }
    }

    /**
     * How PID-3 marks the NHS number: an identifier whose assigning authority (CX-4) is one of {@code authorities},
     * or whose identifier type (CX-5) is one of {@code types}.
     */
    public record NhsNumberIdentifier(@DefaultValue({"NHS", "NHSNMBR", "2.16.840.1.113883.2.1.4.1"}) List<String> authorities,
                                      @DefaultValue("NH") List<String> types) {
    }

    /**
     * The opt-out IMHA referral. The Mental Health Act 2025 makes referral opt-out for detained patients, but its
     * commencement and deadlines are not settled: the rule and the clock are configuration.
     *
     * @param automaticReferral  open an IMHA referral on Heard's own when a person becomes a qualifying patient
     * @param rule               the rule's name, carried by every automatic referral
     * @param firstContactWithin the first-contact clock: from the trust's notification to first contact
     * @param qualifying         the legal status codes that make a person a qualifying patient, per code system
     */
    public record Imha(@DefaultValue("true") boolean automaticReferral,
                       @DefaultValue("mha-1983-s130c") String rule,
                       @DefaultValue("5d") Duration firstContactWithin,
                       Map<LegalStatusCodeSystem, Set<String>> qualifying) {
        public Imha {
            qualifying = qualifying == null ? Map.of() : Map.copyOf(qualifying);
        }
    }

    /**
     * case-service, and how the gateway proves it is the integration role there. Services cannot mint tokens: either
     * {@code tokenFile} names a file holding a current bearer token (re-read whenever it changes; the local launcher
     * writes and renews it), or {@code clientCredentials} names the deployment's OAuth2 issuer.
     */
    public record CaseService(@DefaultValue("http://localhost:8081") URI url, String tokenFile,
                              @DefaultValue ClientCredentials clientCredentials,
                              @DefaultValue("10s") Duration timeout) {
    }

    public record ClientCredentials(URI tokenUri, String clientId, String clientSecret, String scope) {
        public boolean configured() {
            return tokenUri != null && clientId != null && !clientId.isBlank();
        }
    }

    /**
     * The worker that applies the inbox, one message at a time in the order received.
     *
     * @param pollInterval how often it looks for work when idle
     * @param backoffMax   the longest wait after a transient failure (case-service or the database away)
     */
    public record Apply(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration pollInterval,
                        @DefaultValue("30s") Duration backoffMax) {
    }
}
