package org.heard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What of a child's log reaches the console of {@code ./heard up} (everything reaches its log file). */
class ConsoleTest {

    private static List<String> shown(String... lines) {
        PrefixedOutput.Console console = new PrefixedOutput.Console();
        return java.util.Arrays.stream(lines).filter(console::shows).toList();
    }

    @Test
    void kafkaClientConfigurationDumpsAndFrameworkChatterStayInTheLogFile() {
        assertThat(shown(
                "2026-12-02T00:36:10.443Z  INFO 4242 --- [case-service] [main] o.a.k.clients.producer.ProducerConfig"
                        + "    : ProducerConfig values: ",
                "\tacks = -1",
                "\tbatch.size = 16384",
                "2026-12-02T00:36:10.443Z  INFO 4242 --- [case-service] [main] o.s.b.w.e.tomcat.TomcatWebServer"
                        + "         : Tomcat initialized with port 8081 (http)",
                "  .   ____          _            __ _ _",
                "2026-12-02T01:37:24.579Z  INFO 12786 --- [outcome-service] [main] o.h.outcomes.OutcomeServiceApplication"
                        + "   : No active profile set, falling back to 1 default profile: \"default\"",
                "2026-12-02T01:38:29.788Z  WARN 12796 --- [reporting-service] [main] o.s.core.events.SpringDocAppInitializer"
                        + "  : SpringDoc /v3/api-docs endpoint is enabled by default.")).isEmpty();
    }

    @Test
    void heardsOwnProgressWarningsAndErrorsWithTheirStackTracesAreShown() {
        String started = "2026-12-02T00:36:13.409Z  INFO 4242 --- [case-service] [main] o.h.cases.CaseServiceApplication"
                + "          : Started CaseServiceApplication in 13.9 seconds";
        String warning = "2026-12-02T00:40:40.340Z  WARN 4242 --- [case-service] [EventProcessor[kafka-publisher]-0]"
                + " o.h.k.publishing.KafkaEventPublisher     : Kafka did not acknowledge org.heard.case.PersonRegistered.v1";
        String error = "2026-12-02T00:41:00.000Z ERROR 4242 --- [case-service] [main] o.s.boot.SpringApplication"
                + "               : Application run failed";
        assertThat(shown(started, warning, error, "java.lang.IllegalStateException: no database",
                "\tat org.heard.Thing.run(Thing.java:1)", "Caused by: java.net.ConnectException: refused"))
                .containsExactly(started, warning, error, "java.lang.IllegalStateException: no database",
                        "\tat org.heard.Thing.run(Thing.java:1)", "Caused by: java.net.ConnectException: refused");
    }

    @Test
    void theBrokersWarningsAreShownAndTheClientsRepeatedConnectionWarningsAreNot() {
        String broker = "00:36:01.817 WARN  QuorumController - [QuorumController id=0] Performing controller activation.";
        assertThat(shown(broker,
                "2026-12-02T00:36:10.443Z  WARN 4242 --- [case-service] [kafka-producer-network-thread | audit]"
                        + " o.apache.kafka.clients.NetworkClient     : Connection to node -1 could not be established."))
                .containsExactly(broker);
    }

    @Test
    void aStackTraceAfterAHiddenLineIsHiddenToo() {
        assertThat(shown("2026-12-02T00:36:10.443Z DEBUG 4242 --- [x] [main] o.h.Thing : detail",
                "\tat org.heard.Thing.run(Thing.java:1)")).isEmpty();
    }
}
