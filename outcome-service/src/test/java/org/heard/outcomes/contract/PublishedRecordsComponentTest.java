package org.heard.outcomes.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.contracts.Topic;
import org.heard.contracts.testing.AsyncApiRecords;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.heard.outcomes.OutcomeServiceTestBase;
import org.heard.outcomes.framework.DefaultFramework;
import org.junit.jupiter.api.Test;

/**
 * The records outcome-service really writes, read off the broker, are true to the AsyncAPI document: each key,
 * header and payload is checked against what the document says for its channel and message (not against the JSON
 * Schemas alone), including the keys of events about no person (framework id, systemic issue id).
 */
class PublishedRecordsComponentTest extends OutcomeServiceTestBase {

    private static final String SOURCE = "/heard/outcome-service";
    private final String advocate = TestKeys.token(Caller.ADVOCATE);

    @Test
    void everyRecordThisServicePublishedIsTrueToTheAsyncApiDocument() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        var logged = post("/api/systemic-issues", """
                {"level":"WARD","theme":"section 17 leave","description":"Leave cancelled at short notice",
                 "loggedOn":"%s"}""".formatted(today), advocate);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        String issueId = json(logged).get("id").asString();

        List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.eventTopics().toArray(Topic[]::new))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                TestKafka.poll(consumer, Duration.ofMillis(500)).stream()
                        .filter(r -> SOURCE.equals(header(r, "ce_source"))).forEach(ours::add);
                return ours.stream().anyMatch(r -> issueId.equals(r.key()))
                        && ours.stream().anyMatch(r -> DefaultFramework.ID.equals(r.key()));
            });
        }

        AsyncApiRecords document = AsyncApiRecords.shipped();
        Map<String, List<String>> problems = ours.stream().filter(r -> !document.problems(r).isEmpty())
                .collect(Collectors.toMap(r -> r.topic() + "@" + r.partition() + ":" + r.offset(), document::problems));
        assertThat(problems).as("records of %s against the AsyncAPI document", SOURCE).isEmpty();
        assertThat(ours.stream().map(r -> header(r, "ce_type")).distinct())
                .contains("org.heard.outcome.SystemicIssueLogged.v1", "org.heard.outcome.FrameworkVersionDrafted.v1",
                        "org.heard.outcome.FrameworkItemDefined.v1");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
