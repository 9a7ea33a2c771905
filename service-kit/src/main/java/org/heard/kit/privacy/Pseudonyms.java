package org.heard.kit.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA-256 pseudonyms. A plain hash of an NHS number could be reversed by trying all 10^9 of them; a keyed
 * HMAC cannot without the key. The same key gives the same pseudonym (stable within a dataset or a lookup table);
 * different keys give unlinkable ones.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;

    /** @param key at least 32 random bytes */
    public Pseudonyms(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("a pseudonym key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** @param base64Key a key of at least 32 bytes, base64 encoded */
    public static Pseudonyms fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("a pseudonym key is required");
        }
        return new Pseudonyms(Base64.getDecoder().decode(base64Key.trim()));
    }

    /** The pseudonym of a value: 64 hex characters. */
    public String of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
