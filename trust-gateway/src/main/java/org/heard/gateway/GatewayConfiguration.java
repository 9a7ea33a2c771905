package org.heard.gateway;

import java.time.Clock;

import javax.sql.DataSource;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.heard.gateway.apply.Identities;
import org.heard.gateway.apply.InboxWorker;
import org.heard.gateway.apply.PersonResolver;
import org.heard.gateway.caseservice.CaseServiceClient;
import org.heard.gateway.caseservice.ServiceToken;
import org.heard.gateway.fhir.UkCore;
import org.heard.gateway.hl7.MllpListener;
import org.heard.gateway.imha.AutomaticReferrals;
import org.heard.gateway.imha.ImhaRule;
import org.heard.gateway.imha.ReferralRequests;
import org.heard.gateway.inbox.Inbox;
import org.heard.gateway.inbox.InboxSeal;
import org.heard.kit.axon.Schemas;
import org.heard.kit.privacy.KeyEncryptionKey;
import org.heard.kit.privacy.PrivacyConfiguration.LookupPseudonyms;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;

/** The gateway's parts and how they fit: inbox, listeners, the worker that applies, case-service's client. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    DataSourceInitializer gatewaySchemaInitializer(DataSource dataSource) {
        return Schemas.initializer(dataSource, "org-heard-gateway-schema.sql");
    }

    /** One FHIR R4 context for the whole gateway: it is expensive to make and thread-safe. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Bean
    UkCore ukCore(FhirContext fhir) {
        return new UkCore(fhir);
    }

    @Bean
    ImhaRule imhaRule(GatewayProperties properties) {
        return new ImhaRule(properties.imha());
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, KeyEncryptionKey masterKey, LookupPseudonyms lookups, Clock clock,
                DataSourceInitializer gatewaySchemaInitializer) {
        return new Inbox(jdbc, new InboxSeal(masterKey), lookups.pseudonyms(), clock);
    }

    @Bean
    Identities identities(JdbcTemplate jdbc, LookupPseudonyms lookups) {
        return new Identities(jdbc, lookups);
    }

    @Bean
    CaseServiceClient caseServiceClient(GatewayProperties properties, Clock clock) {
        return new CaseServiceClient(properties.caseService(), ServiceToken.of(properties.caseService(), clock));
    }

    @Bean
    PersonResolver personResolver(Identities identities, CaseServiceClient caseService) {
        return new PersonResolver(identities, caseService);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    ReferralRequests referralRequests(JdbcTemplate jdbc, ImhaRule rule, DataSourceInitializer gatewaySchemaInitializer) {
        return new ReferralRequests(jdbc, rule);
    }

    /** Referral requests are written in the transaction that stores the qualifying episode. */
    @Bean
    ConfigurerModule referralRequestProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(ReferralRequests.GROUP)
                .registerListenerInvocationErrorHandler(ReferralRequests.GROUP, c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    AutomaticReferrals automaticReferrals(ReferralRequests requests, CaseServiceClient caseService,
                                          CommandGateway commands, TransactionTemplate transactions, ImhaRule rule) {
        return new AutomaticReferrals(requests, caseService, commands, transactions, rule);
    }

    @Bean
    InboxWorker inboxWorker(Inbox inbox, PersonResolver persons, Identities identities, CommandGateway commands,
                            TransactionTemplate transactions, AutomaticReferrals referrals, ImhaRule rule,
                            GatewayProperties properties, Clock clock, MeterRegistry meters) {
        return new InboxWorker(inbox, persons, identities, commands, transactions, referrals, rule, properties, clock,
                meters);
    }

    @Bean
    org.heard.gateway.outbound.SharedRecords sharedRecords(JdbcTemplate jdbc,
                                                           DataSourceInitializer gatewaySchemaInitializer) {
        return new org.heard.gateway.outbound.SharedRecords(jdbc);
    }

    /** Reads what the gateway may share from Heard's own topics. */
    @Bean
    @ConditionalOnProperty(name = "heard.gateway.outbound.enabled", havingValue = "true", matchIfMissing = true)
    org.heard.gateway.outbound.OutboundConsumer outboundConsumer(org.heard.kit.security.KafkaConnection kafka,
                                                                 org.heard.gateway.outbound.SharedRecords records,
                                                                 Identities identities, MeterRegistry meters) {
        return new org.heard.gateway.outbound.OutboundConsumer(kafka, "heard-trust-gateway-outbound", records,
                identities, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "heard.gateway.mllp.enabled", havingValue = "true", matchIfMissing = true)
    MllpListener mllpListener(GatewayProperties properties, UkCore ukCore, Inbox inbox, MeterRegistry meters,
                              SslBundles sslBundles) {
        return new MllpListener(properties, ukCore, inbox, meters, sslBundles);
    }
}
