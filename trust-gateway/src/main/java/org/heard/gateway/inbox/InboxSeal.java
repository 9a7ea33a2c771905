package org.heard.gateway.inbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.heard.kit.privacy.KeyEncryptionKey;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Seals inbox bodies at rest: each with a fresh AES-256-GCM data key wrapped by the master key (envelope
 * encryption), bound to the message it belongs to. The inbox holds what trusts sent — names, NHS numbers, dates of
 * birth — before Heard knows whose data key would fit, so it cannot use a person's own key.
 */
public final class InboxSeal {

    private final Aead envelope;

    public InboxSeal(KeyEncryptionKey masterKey) {
        try {
            AeadConfig.register();
            this.envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, masterKey.aead());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the inbox's envelope cipher", e);
        }
    }

    public byte[] seal(byte[] body, String sender, String messageId) {
        try {
            return envelope.encrypt(body, aad(sender, messageId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing an inbox body failed", e);
        }
    }

    public byte[] open(byte[] sealed, String sender, String messageId) {
        try {
            return envelope.decrypt(sealed, aad(sender, messageId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an inbox body failed authentication");
        }
    }

    private static byte[] aad(String sender, String messageId) {
        return ("heard-gateway-inbox|" + sender + "|" + messageId).getBytes(StandardCharsets.UTF_8);
    }
}
