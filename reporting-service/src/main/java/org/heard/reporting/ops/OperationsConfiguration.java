package org.heard.reporting.ops;

import java.time.Clock;

import org.apache.kafka.clients.producer.Producer;
import org.heard.reporting.ReportingProperties;
import org.heard.reporting.ingest.ProjectionConsumer;
import org.heard.reporting.projection.LiveProjections;
import org.heard.reporting.projection.Rebuild;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoDatabase;

import io.micrometer.core.instrument.MeterRegistry;

/** What operations see of the streams and do with parked records. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

    @Bean
    DeadLetterArchive deadLetterArchive(ReportingProperties properties, Producer<String, byte[]> deadLetterProducer,
                                        MongoDatabase reportingDatabase, Clock clock) {
        return new DeadLetterArchive(properties, deadLetterProducer, reportingDatabase, clock);
    }

    @Bean(destroyMethod = "close")
    StreamStatus streamStatus(ReportingProperties properties, LiveProjections projections,
                              ProjectionConsumer consumer, DeadLetterArchive deadLetters, Rebuild rebuild,
                              MeterRegistry meters, Clock clock) {
        return new StreamStatus(properties, projections, consumer, deadLetters, rebuild, meters, clock);
    }

    @Bean
    WriteServiceOutboxes writeServiceOutboxes(OperationsProperties properties, Clock clock) {
        return new WriteServiceOutboxes(properties, clock);
    }
}
