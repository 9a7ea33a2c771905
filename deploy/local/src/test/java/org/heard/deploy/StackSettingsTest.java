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
}
