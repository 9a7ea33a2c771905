package org.heard.contracts;

import java.util.Objects;

/**
 * Personal data as it travels and is stored: encrypted (AEAD, AES-256-GCM) with a data key that belongs to one person,
 * with that key's id beside it. Only a service holding the person's key can read it; once the key is destroyed
 * (erasure) the value reads as erased everywhere — in the event store, in Kafka history and on replay.
 *
 * @param keyId      the id of the person's data key
 * @param ciphertext the encrypted value, base64 (standard alphabet)
 */
public record SealedValue(String keyId, String ciphertext) {

    public SealedValue {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Never the content: a sealed value's text form names only its key. */
    @Override
    public String toString() {
        return "SealedValue[keyId=" + keyId + "]";
    }
}
