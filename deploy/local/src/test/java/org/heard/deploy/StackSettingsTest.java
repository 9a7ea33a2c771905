package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Extra settings for the embedded PostgreSQL and broker, as an operator writes them in the environment. */
class StackSettingsTest {

    private static StackSettings of(Map<String, String> env) {
        return StackSettings.fromEnvironment(Path.of("/repo"), env);
    }

    @Test
    void extraSettingsAreNameValuePairsSeparatedBySpacesAndNoneByDefault() {
        StackSettings settings = of(Map.of("HEARD_POSTGRES_CONFIG", " shared_buffers=256MB  work_mem=8MB ",
                "HEARD_KAFKA_CONFIG", "log.flush.interval.messages=1"));

        assertThat(settings.postgresConfig()).containsExactly(Map.entry("shared_buffers", "256MB"),
                Map.entry("work_mem", "8MB"));
        assertThat(settings.kafkaConfig()).containsExactly(Map.entry("log.flush.interval.messages", "1"));
        assertThat(of(Map.of()).postgresConfig()).isEmpty();
    }

    @Test
    void aSettingWithoutAValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> of(Map.of("HEARD_POSTGRES_CONFIG", "fsync")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("HEARD_POSTGRES_CONFIG must be name=value pairs");
    }

    @Test
    void theTrustGatewayListensOnItsHttpAndMllpPortsAndHasItsOwnDatabaseOnTheEmbeddedPostgres() {
        StackSettings defaults = of(Map.of());
        assertThat(defaults.gatewayPort()).isEqualTo(8084);
        assertThat(defaults.mllpPort()).isEqualTo(2575);
        assertThat(defaults.gatewayDbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/heard_gateway");

        StackSettings mine = of(Map.of("HEARD_GATEWAY_PORT", "27207", "HEARD_MLLP_PORT", "27208",
                "HEARD_POSTGRES_PORT", "27202"));
        assertThat(mine.gatewayPort()).isEqualTo(27207);
        assertThat(mine.mllpPort()).isEqualTo(27208);
        assertThat(mine.gatewayDbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:27202/heard_gateway");
        assertThatThrownBy(() -> of(Map.of("HEARD_MLLP_PORT", "mllp")))
                .hasMessage("HEARD_MLLP_PORT must be a port number, not 'mllp'");
    }

    @Test
    void aDatabaseGivenElsewhereIsUsedAndPostgresIsEmbeddedUntilEveryServicesDatabaseIsGiven() {
        StackSettings twoOfThree = of(Map.of("HEARD_CASE_DB_URL", "jdbc:postgresql://db/case",
                "HEARD_OUTCOME_DB_URL", "jdbc:postgresql://db/outcome"));
        assertThat(twoOfThree.embeddedPostgres()).isTrue();
        assertThat(twoOfThree.caseDbUrl()).isEqualTo("jdbc:postgresql://db/case");
        assertThat(twoOfThree.outcomeDbUrl()).isEqualTo("jdbc:postgresql://db/outcome");
        assertThat(twoOfThree.gatewayDbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/heard_gateway");

        StackSettings all = of(Map.of("HEARD_CASE_DB_URL", "jdbc:postgresql://db/case",
                "HEARD_OUTCOME_DB_URL", "jdbc:postgresql://db/outcome",
                "HEARD_GATEWAY_DB_URL", "jdbc:postgresql://db/gateway"));
        assertThat(all.embeddedPostgres()).isFalse();
        assertThat(all.gatewayDbUrl()).isEqualTo("jdbc:postgresql://db/gateway");
    }
}
