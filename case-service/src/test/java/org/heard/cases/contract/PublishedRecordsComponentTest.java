package org.heard.cases.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.heard.cases.CaseServiceTestBase;
import org.heard.contracts.Topic;
import org.heard.contracts.testing.AsyncApiRecords;
import org.heard.contracts.testing.TestKafka;
import org.heard.kit.security.Caller;
import org.heard.kit.testing.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * The records case-service really writes, read off the broker, are true to the AsyncAPI document: key, headers and
 * payload of each checked against its channel's message as the document describes it.
 */
class PublishedRecordsComponentTest extends CaseServiceTestBase {

    private static final String SOURCE = "/heard/case-service";

    @Test
    void everyRecordThisServicePublishedIsTrueToTheAsyncApiDocument() throws Exception {
        var created = post("/api/cases", forNewPerson("""
                {"advocacyType":"IMHA","referralSource":"PROFESSIONAL","referredOn":"2026-01-05",
                 "reason":"I want to be listened to about my medication"}"""), TestKeys.token(Caller.ADVOCATE));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String personId = json(created).get("personId").asString();

        List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer(Topic.eventTopics().toArray(Topic[]::new))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                TestKafka.poll(consumer, Duration.ofMillis(500)).stream()
                        .filter(r -> SOURCE.equals(header(r, "ce_source"))).forEach(ours::add);
                return ours.stream().filter(r -> personId.equals(r.key())).map(r -> header(r, "ce_type"))
                        .toList().containsAll(List.of("org.heard.case.PersonRegistered.v1",
                                "org.heard.case.ReferralReceived.v1"));
            });
        }

        AsyncApiRecords document = AsyncApiRecords.shipped();
        Map<String, List<String>> problems = ours.stream().filter(r -> !document.problems(r).isEmpty())
                .collect(Collectors.toMap(r -> r.topic() + "@" + r.partition() + ":" + r.offset(), document::problems));
        assertThat(problems).as("records of %s against the AsyncAPI document", SOURCE).isEmpty();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
