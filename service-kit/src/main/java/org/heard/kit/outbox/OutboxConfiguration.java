package org.heard.kit.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;

import io.micrometer.core.instrument.MeterRegistry;

/** The outbox view of a write service: an operations endpoint and two gauges. */
@AutoConfiguration(after = org.heard.kit.axon.AxonPostgresConfiguration.class)
@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine")
@ConditionalOnBean(name = "axonSchemaInitializer")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    /** After Axon's tables exist: the first measurement is taken at once. */
    @Bean(destroyMethod = "close")
    public Outbox outbox(DataSource dataSource, Serializer serializer, ObjectProvider<Clock> clock,
                         ObjectProvider<MeterRegistry> meters, OutboxProperties properties,
                         DataSourceInitializer axonSchemaInitializer) {
        return new Outbox(dataSource, serializer, clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
                properties.measureEvery());
    }

    @Bean
    public OutboxController outboxController(Outbox outbox) {
        return new OutboxController(outbox);
    }
}
