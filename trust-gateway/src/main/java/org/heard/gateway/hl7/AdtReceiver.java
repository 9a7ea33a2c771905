package org.heard.gateway.hl7;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.heard.gateway.GatewayProperties;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.inbox.Inbox;
import org.heard.gateway.inbox.Receipt;
import org.heard.gateway.notice.TrustNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.MetadataKeys;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Receives every ADT message HAPI has parsed: reads it as a notice, stores it in the inbox, and only then answers AA.
 * Content that will never be accepted is answered AE naming where; a database that cannot take the message is
 * answered AR (resend unchanged), so nothing acknowledged AA is ever missing from the inbox.
 */
final class AdtReceiver implements ReceivingApplication<Message> {

    private static final Logger log = LoggerFactory.getLogger(AdtReceiver.class);

    private final AdtReader reader;
    private final Inbox inbox;
    private final MeterRegistry meters;
    private final GatewayProperties properties;
    private final Function<String, String> peerSubjects;

    /**
     * @param peerSubjects the certificate subject of the connection a message came on ("ip:port"), or null without
     *                     mutual TLS
     */
    AdtReceiver(GatewayProperties properties, UkCore ukCore, Inbox inbox, MeterRegistry meters,
                Function<String, String> peerSubjects) {
        this.reader = new AdtReader(properties, ukCore);
        this.properties = properties;
        this.inbox = inbox;
        this.meters = meters;
        this.peerSubjects = peerSubjects;
    }

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        String type = "unknown";
        try {
            Instant received = inbox.now();
            TrustNotice notice;
            try {
                notice = reader.read(message, received);
                type = notice.messageType();
                checkPeer(notice.sender(), metadata);
            } catch (Hl7Rejection rejection) {
                count("AE", type);
                log.info("ADT message refused (AE): {} {}", rejection.location(), rejection.getMessage());
                return Acks.error(message, rejection);
            }
            Receipt receipt;
            try {
                receipt = inbox.receive(notice, (String) metadata.get(MetadataKeys.IN_RAW_MESSAGE));
            } catch (RuntimeException storage) {
                count("AR", type);
                log.warn("ADT message not stored ({}); answered AR", storage.getClass().getSimpleName());
                return Acks.reject(message);
            }
            if (receipt == Receipt.CONFLICT) {
                count("AE", type);
                return Acks.error(message, new Hl7Rejection(ErrorCode.DUPLICATE_KEY_IDENTIFIER, "MSH", 10,
                        "was used by this sender for a different message"));
            }
            count(receipt == Receipt.DUPLICATE ? "AA-duplicate" : "AA", type);
            return Acks.accept(message);
        } catch (java.io.IOException e) {
            throw new HL7Exception("could not make the acknowledgement", e);
        }
    }

    private void checkPeer(String sender, Map<String, Object> metadata) {
        String required = properties.senders().get(sender).tlsSubject();
        if (required == null || peerSubjects == null) {
            return;
        }
        String peer = peerSubjects.apply(metadata.get(MetadataKeys.IN_SENDING_IP) + ":"
                + metadata.get(MetadataKeys.IN_SENDING_PORT));
        if (!required.equals(peer)) {
            throw new Hl7Rejection(ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 4,
                    "this sending facility must connect with its own certificate");
        }
    }

    private void count(String ack, String type) {
        meters.counter("heard.gateway.mllp.messages", "ack", ack, "type", type).increment();
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }
}
