package org.heard.kit.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

/** The personal-data vault of a service that stores personal data (it needs a database for the data keys). */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    /**
     * Where people's data keys are kept. Every service that seals must use the same key store, so that one erasure
     * destroys the key everywhere: {@code heard.privacy.key-store.url} (HEARD_KEY_STORE_URL) names a shared database;
     * without it the service's own database is used (fine for a single service and for tests).
     */
    @Bean
    public KeyStoreDataSource keyStoreDataSource(DataSource dataSource,
                                                 org.springframework.core.env.Environment environment) {
        String url = environment.getProperty("heard.privacy.key-store.url");
        if (url == null || url.isBlank()) {
            return new KeyStoreDataSource(dataSource);
        }
        com.zaxxer.hikari.HikariDataSource keys = new com.zaxxer.hikari.HikariDataSource();
        keys.setJdbcUrl(url);
        keys.setUsername(environment.getProperty("heard.privacy.key-store.username",
                environment.getProperty("spring.datasource.username")));
        keys.setPassword(environment.getProperty("heard.privacy.key-store.password",
                environment.getProperty("spring.datasource.password")));
        keys.setMaximumPoolSize(4);
        keys.setPoolName("heard-key-store");
        return new KeyStoreDataSource(keys);
    }

    /** The key store's DataSource, as a type of its own beside the service's primary one. */
    public record KeyStoreDataSource(DataSource dataSource) {
    }

    @Bean
    public DataSourceInitializer privacySchemaInitializer(KeyStoreDataSource keyStore) {
        return org.heard.kit.axon.Schemas.initializer(keyStore.dataSource(), "org/heard/kit/privacy-postgres-schema.sql");
    }

    /** The master key from a Tink JSON keyset file; a deployment with a KMS declares its own bean instead. */
    @Bean
    @ConditionalOnMissingBean
    public KeyEncryptionKey keyEncryptionKey(PrivacyProperties properties) throws GeneralSecurityException, IOException {
        if (properties.masterKeysetFile() == null || properties.masterKeysetFile().isBlank()) {
            throw new IllegalStateException("heard.privacy.master-keyset-file (HEARD_MASTER_KEYSET_FILE) must name the"
                    + " master keyset: personal data cannot be stored without it");
        }
        AeadConfig.register();
        KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(
                Files.readString(Path.of(properties.masterKeysetFile())), InsecureSecretKeyAccess.get());
        Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        return () -> aead;
    }

    @Bean
    public PersonalDataVault personalDataVault(KeyStoreDataSource keyStore, KeyEncryptionKey kek,
                                               PrivacyProperties properties, Clock clock,
                                               DataSourceInitializer privacySchemaInitializer)
            throws GeneralSecurityException {
        AeadConfig.register();
        return new PersonalDataVault(new JdbcTemplate(keyStore.dataSource()), kek, properties.keyCacheTtl(), clock);
    }

    /** The keyed HMAC by which trust feeds find a person by NHS number. */
    @Bean
    @ConditionalOnProperty("heard.privacy.lookup-key")
    public LookupPseudonyms lookupPseudonyms(PrivacyProperties properties) {
        return new LookupPseudonyms(Pseudonyms.fromBase64(properties.lookupKey()));
    }

    /** The NHS-number lookup pseudonyms, as a type of its own so it is never confused with a dataset's. */
    public record LookupPseudonyms(Pseudonyms pseudonyms) {
        public String ofNhsNumber(String nhsNumber) {
            return pseudonyms.of("nhs:" + NhsNumber.normalise(nhsNumber));
        }
    }
}
