package org.heard.kit.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.heard.contracts.SealedValue;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestPostgres;
import org.heard.kit.web.RuleViolation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/** Crypto-shredding against a real PostgreSQL. */
class PersonalDataVaultTest {

    private static JdbcTemplate jdbc;
    private static PersonalDataVault vault;

    @BeforeAll
    static void setUp() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestPostgres.newDatabase("vault"), "postgres",
                "postgres");
        new ResourceDatabasePopulator(new ClassPathResource("org/heard/kit/privacy-postgres-schema.sql"))
                .execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        Map<String, Object> properties = new java.util.HashMap<>();
        TestKeys.register(new org.springframework.test.context.DynamicPropertyRegistry() {
            @Override
            public void add(String name, java.util.function.Supplier<Object> value) {
                properties.put(name, value.get());
            }
        });
        Aead master = TinkJsonProtoKeysetFormat.parseKeyset(
                        Files.readString(Path.of((String) properties.get("heard.privacy.master-keyset-file"))),
                        InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        vault = new PersonalDataVault(jdbc, () -> master, Duration.ofMinutes(1), Clock.systemUTC());
    }

    @Test
    void aSealedValueReadsBackOnlyForItsPersonAndField() {
        String person = UUID.randomUUID().toString();
        SealedValue sealed = vault.seal(person, "name", "Alex Synthetic");

        assertThat(sealed.ciphertext()).doesNotContain("Alex");
        assertThat(vault.unseal(person, "name", sealed)).contains("Alex Synthetic");
        assertThatThrownBy(() -> vault.unseal(person, "contact", sealed)).isInstanceOf(IllegalStateException.class);
        assertThat(vault.unseal(UUID.randomUUID().toString(), "name", sealed)).isEmpty();
    }

    @Test
    void eachPersonHasTheirOwnKey() {
        SealedValue a = vault.seal(UUID.randomUUID().toString(), "name", "same words");
        SealedValue b = vault.seal(UUID.randomUUID().toString(), "name", "same words");

        assertThat(a.keyId()).isNotEqualTo(b.keyId());
        assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    }

    @Test
    void destroyingThePersonsKeyErasesEveryValueOfTheirsAndRefusesNewOnes() {
        String person = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        SealedValue name = vault.seal(person, "name", "Jordan Synthetic");
        SealedValue words = vault.seal(person, "reason", "I want to be heard at the ward round");
        SealedValue otherName = vault.seal(other, "name", "Sam Synthetic");

        vault.destroy(person);
        vault.destroy(person);

        assertThat(vault.isErased(person)).isTrue();
        assertThat(vault.unseal(person, "name", name)).isEmpty();
        assertThat(vault.unseal(person, "reason", words)).isEmpty();
        assertThat(vault.unseal(other, "name", otherName)).contains("Sam Synthetic");
        assertThatThrownBy(() -> vault.seal(person, "name", "again")).isInstanceOf(RuleViolation.class);
        List<byte[]> keys = jdbc.queryForList("select wrapped_key from person_data_key where person_id = ?",
                byte[].class, person);
        assertThat(keys).hasSize(1).containsOnlyNulls();
    }

    @Test
    void theKeyStoreHoldsNoPlaintextAndNoUnwrappedKey() {
        String person = UUID.randomUUID().toString();
        vault.seal(person, "name", "Robin Synthetic");

        byte[] wrapped = jdbc.queryForObject("select wrapped_key from person_data_key where person_id = ?",
                byte[].class, person);
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("Robin");
        // a wrapped keyset cannot be read as a keyset without the master key
        assertThatThrownBy(() -> com.google.crypto.tink.TinkProtoKeysetFormat.parseKeyset(wrapped,
                InsecureSecretKeyAccess.get())).isInstanceOf(Exception.class);
    }
}
