package org.heard.kit.axon;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's event store and token store on PostgreSQL through JDBC, declared explicitly rather than left to Axon's
 * auto-configuration, whose ordering against Spring Boot 4's relocated DataSource configuration can silently fall back
 * to an in-memory store. The event store is also the outbox from which events are published to Kafka. Every
 * {@link EventUpcaster} bean joins the chain through which stored events are read, by aggregates and by the publisher.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration"})
@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine")
public class AxonPostgresConfiguration {

    /** Snake-case names, matching {@code axon-postgres-schema.sql} (Axon's defaults are JPA-style camel case). */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    /** Every event a command applies is checked against its published schema before it is stored. */
    @Bean
    public EventBounds eventBounds() {
        return new EventBounds(org.heard.contracts.envelope.EventSchemas.forCatalogue());
    }

    @Bean
    public org.springframework.beans.factory.SmartInitializingSingleton eventBoundsOnTheEventBus(
            org.axonframework.eventhandling.EventBus eventBus, EventBounds bounds) {
        return () -> eventBus.registerDispatchInterceptor(bounds);
    }

    /** Creates Axon's tables if missing, before anything reads or writes them. */
    @Bean
    public DataSourceInitializer axonSchemaInitializer(DataSource dataSource) {
        return Schemas.initializer(dataSource, "org/heard/kit/axon-postgres-schema.sql");
    }

    /**
     * Aggregates annotated {@code @Aggregate(cache = "aggregateCache", lockFactory = "aggregateLockFactory")} stay in
     * memory between commands instead of being replayed from the store each time; appends still fail on a concurrent
     * change (unique sequence). What a transaction that does not commit put in the cache is evicted again.
     */
    @Bean
    public org.axonframework.common.caching.Cache aggregateCache() {
        return new TransactionBoundCache(new org.axonframework.common.caching.WeakReferenceCache());
    }

    /**
     * Aggregate locks held until the end of the transaction that changed the aggregate (an idempotent request's may
     * be longer than the command's unit of work). A command waits at most 10 s for a lock.
     */
    @Bean
    public org.axonframework.common.lock.LockFactory aggregateLockFactory() {
        return new TransactionScopedLockFactory(org.axonframework.common.lock.PessimisticLockFactory.builder()
                .acquireAttempts(100).lockAttemptTimeout(100).build());
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * The connection of the current Spring transaction. Not wrapped in Axon's UnitOfWorkAwareConnectionProviderWrapper
     * (Axon's default), which commits the JDBC connection itself when a unit of work commits: inside a longer
     * transaction (an idempotent request's) that would commit the request's work half-way. Every unit of work here
     * runs in a Spring transaction (SpringTransactionManager), whose commit is the only one.
     */
    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Recognises PostgreSQL's unique-violation (SQLState 23505) on the event table, so that two writers appending the
     * same sequence of an aggregate give Axon's ConcurrencyException (answered 409) rather than a generic failure. The
     * stock JDBC resolver looks for SQLIntegrityConstraintViolationException, which the PostgreSQL driver never throws.
     */
    @Bean
    public PersistenceExceptionResolver axonPersistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
                if (cause instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
                        && "23505".equals(batch.getNextException().getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 DataSourceInitializer axonSchemaInitializer,
                                                 ObjectProvider<EventUpcaster> upcasters) {
        return JdbcEventStorageEngine.builder()
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 DataSourceInitializer axonSchemaInitializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TOKEN_SCHEMA)
                .contentType(byte[].class)
                .build();
    }
}
