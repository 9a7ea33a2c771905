package org.heard.kit.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for personal data ({@code heard.privacy.*}).
 *
 * @param masterKeysetFile the key-encryption key: a Tink AEAD keyset in JSON (environment
 *                         {@code HEARD_MASTER_KEYSET_FILE}; the local stack generates one under {@code .heard/keys}).
 *                         A deployment with a KMS supplies its own {@link KeyEncryptionKey} bean instead.
 * @param lookupKey        base64 key (≥ 32 bytes) of the HMAC that lets a trust feed find a person by NHS number
 *                         ({@code HEARD_LOOKUP_KEY})
 * @param keyCacheTtl      how long an unwrapped data key stays in memory; another instance's erasure is honoured
 *                         here within this time
 */
@ConfigurationProperties("heard.privacy")
public record PrivacyProperties(
        String masterKeysetFile,
        String lookupKey,
        @DefaultValue("60s") Duration keyCacheTtl) {
}
