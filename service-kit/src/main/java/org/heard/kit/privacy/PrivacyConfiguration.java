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
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

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

    @Bean
    public DataSourceInitializer privacySchemaInitializer(DataSource dataSource) {
        DataSourceInitializer initializer = new DataSourceInitializer();
        initializer.setDataSource(dataSource);
        initializer.setDatabasePopulator(
                new ResourceDatabasePopulator(new ClassPathResource("org/heard/kit/privacy-postgres-schema.sql")));
        return initializer;
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
    public PersonalDataVault personalDataVault(DataSource dataSource, KeyEncryptionKey kek, PrivacyProperties properties,
                                               Clock clock, DataSourceInitializer privacySchemaInitializer)
            throws GeneralSecurityException {
        AeadConfig.register();
        return new PersonalDataVault(new JdbcTemplate(dataSource), kek, properties.keyCacheTtl(), clock);
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
