package org.heard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.heard.contracts.testing.DockerIt;
import org.heard.gateway.GatewayTestSupport.Ack;
import org.heard.gateway.GatewayTestSupport.Mllp;
import org.heard.kit.testing.TestKeys;
import org.heard.kit.testing.TestNhsNumbers;
import org.heard.kit.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outages as a sender sees them. PostgreSQL is reached through a TCP relay the test cuts: while it is away every
 * message is answered AR and none AA; the unchanged resend after it is back is AA, stored once. Kafka (and
 * case-service) are unreachable throughout: the gateway still acknowledges what it stored, because AA promises the
 * inbox, not publication — the event store is the outbox and the worker applies the inbox when case-service is back.
 */
@ExtendWith(DockerIt.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "heard.kafka.create-topics=false", "heard.gateway.apply.backoff-max=1s", "heard.gateway.fhir.warm-up=false"})
class OutageComponentTest {

    static final int MLLP_PORT = GatewayTestSupport.freePort();
    static TcpProxy postgres;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        URI database = URI.create(TestPostgres.newDatabase("gateway_outage").substring("jdbc:".length()));
        postgres = new TcpProxy(database.getHost(), database.getPort());
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + postgres.port()
                + database.getPath());
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("heard.kafka.bootstrap-servers", () -> "127.0.0.1:" + GatewayTestSupport.freePort());
        TestKeys.register(registry);
        registry.add("heard.gateway.mllp.port", () -> MLLP_PORT);
        registry.add("heard.gateway.case-service.url", () -> "http://127.0.0.1:" + GatewayTestSupport.freePort());
        registry.add("heard.gateway.case-service.token-file", GatewayTestSupport::tokenFile);
        registry.add("heard.gateway.senders.TEST_PAS.organisation", () -> "SYNTH");
    }

    @Autowired
    JdbcTemplate jdbc;

    static Mllp mllp;

    @BeforeEach
    void connect() {
        if (mllp == null) {
            mllp = new Mllp(MLLP_PORT);
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (mllp != null) {
            mllp.close();
        }
        postgres.close();
    }

    private long stored(String controlId) {
        return jdbc.queryForObject("select count(*) from inbox_message where sender = 'TEST_PAS' and message_id = ?",
                Long.class, controlId);
    }

    @Test
    void withPostgresqlAwayNothingIsAcknowledgedAaAndTheUnchangedResendIsStoredOnce() throws Exception {
        String a01 = Adt.of("TEST_PAS", "A01", "PG-1").nhs(TestNhsNumbers.nth(201))
                .zls("03", "UKCORE-ENGLAND", "20260302091500").er7();
        postgres.cut();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Ack ack = mllp.send(a01);
                assertThat(ack.code()).isEqualTo("AR");
                assertThat(ack.controlId()).isEqualTo("PG-1");
            }
        } finally {
            postgres.restore();
        }
        Ack ack = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> mllp.send(a01), a -> "AA".equals(a.code()));
        assertThat(ack.controlId()).isEqualTo("PG-1");
        assertThat(stored("PG-1")).isEqualTo(1);
    }

    @Test
    void withKafkaAndCaseServiceAwayWhatIsStoredIsAcknowledgedAndWaitsInTheInbox() {
        for (int i = 0; i < 5; i++) {
            String id = "K-" + i;
            Ack ack = mllp.send(Adt.of("TEST_PAS", "A01", id).nhs(TestNhsNumbers.nth(210 + i))
                    .zls("02", "UKCORE-ENGLAND", "20260302091500").er7());
            assertThat(ack.code()).isEqualTo("AA");
            assertThat(stored(id)).as("an AA means the message is already committed").isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where message_id like 'K-%'"
                + " and status = 'PENDING' and body is not null", Long.class)).isEqualTo(5);
    }
}
