package org.heard.kit.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.heard.contracts.SealedValue;
import org.heard.kit.web.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Seals and unseals personal data with one data key per person (AES-256-GCM through Tink), and erases a person by
 * destroying their key (crypto-shredding). Data keys are kept in {@code person_data_key}, wrapped by the
 * {@link KeyEncryptionKey}. The associated data of every ciphertext is the person's id and the field's name, so a
 * sealed value cannot be moved to another person or field.
 */
public class PersonalDataVault {

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey kek;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();

    private record CachedKey(String keyId, Aead aead, Instant loadedAt) {
    }

    public PersonalDataVault(JdbcTemplate jdbc, KeyEncryptionKey kek, Duration cacheTtl, Clock clock) {
        this.jdbc = jdbc;
        this.kek = kek;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /**
     * Seals a value of the person, creating their data key on first use. Null stays null.
     *
     * @throws RuleViolation when the person has been erased: nothing new is stored about them
     */
    public SealedValue seal(String personId, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        CachedKey key = key(personId, true)
                .orElseThrow(() -> new RuleViolation("person-erased", "the person has been erased"));
        try {
            byte[] ciphertext = key.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), aad(personId, field));
            return new SealedValue(key.keyId(), Base64.getEncoder().encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * The plaintext of a sealed value of the person; empty when the person's key has been destroyed (erased).
     * Null stays null (as an empty optional).
     */
    public Optional<String> unseal(String personId, String field, SealedValue sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        Optional<CachedKey> key = key(personId, false);
        if (key.isEmpty() || !key.get().keyId().equals(sealed.keyId())) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = key.get().aead().decrypt(Base64.getDecoder().decode(sealed.ciphertext()),
                    aad(personId, field));
            return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value of person " + personId + " failed authentication");
        }
    }

    /** True when the person's data key has been destroyed. */
    public boolean isErased(String personId) {
        List<Boolean> destroyed = jdbc.queryForList(
                "select wrapped_key is null from person_data_key where person_id = ?", Boolean.class, personId);
        return !destroyed.isEmpty() && destroyed.get(0);
    }

    /**
     * Destroys the person's data key, keeping a row that says when, so that nothing new is sealed for them. From now
     * on every sealed value of theirs reads as erased. Idempotent.
     */
    public void destroy(String personId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.update("update person_data_key set wrapped_key = null, destroyed_at = coalesce(destroyed_at, ?)"
                + " where person_id = ?", now, personId);
        if (updated == 0) {
            try {
                jdbc.update("insert into person_data_key (person_id, key_id, wrapped_key, created_at, destroyed_at)"
                        + " values (?, ?, null, ?, ?)", personId, UUID.randomUUID().toString(), now, now);
            } catch (DuplicateKeyException raced) {
                destroy(personId);
            }
        }
        cache.remove(personId);
    }

    private Optional<CachedKey> key(String personId, boolean create) {
        CachedKey cached = cache.get(personId);
        if (cached != null && cached.loadedAt().plus(cacheTtl).isAfter(clock.instant())) {
            return Optional.of(cached);
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select key_id, wrapped_key from person_data_key where person_id = ?", personId);
        if (rows.isEmpty()) {
            if (!create) {
                return Optional.empty();
            }
            try {
                createKey(personId);
            } catch (DuplicateKeyException raced) {
                // another request created it first: use theirs
            }
            return key(personId, false);
        }
        byte[] wrapped = (byte[]) rows.get(0).get("wrapped_key");
        if (wrapped == null) {
            cache.remove(personId);
            return Optional.empty();
        }
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, kek.aead(), wrapAad(personId));
            CachedKey key = new CachedKey((String) rows.get(0).get("key_id"),
                    handle.getPrimitive(RegistryConfiguration.get(), Aead.class), clock.instant());
            cache.put(personId, key);
            return Optional.of(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of person " + personId + " cannot be unwrapped with the"
                    + " configured master key", e);
        }
    }

    private void createKey(String personId) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek.aead(), wrapAad(personId));
            jdbc.update("insert into person_data_key (person_id, key_id, wrapped_key, created_at) values (?, ?, ?, ?)",
                    personId, UUID.randomUUID().toString(), wrapped,
                    OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a data key", e);
        }
    }

    private static byte[] aad(String personId, String field) {
        return (personId + "|" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(String personId) {
        return ("heard-data-key|" + personId).getBytes(StandardCharsets.UTF_8);
    }
}
