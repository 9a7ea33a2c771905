package org.heard.gateway.fhir;

import java.util.List;

import org.heard.gateway.GatewayProperties;
import org.heard.gateway.apply.InboxWorker;
import org.heard.gateway.inbox.Inbox;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.micrometer.core.instrument.MeterRegistry;

/** The FHIR R4 endpoint at {@code /fhir}: HAPI's plain server inside the gateway's Spring security. */
@Configuration(proxyBeanMethods = false)
public class FhirConfiguration {

    /** Warmed up in the background at start (unless {@code heard.gateway.fhir.warm-up=false}). */
    @Bean
    FhirValidation fhirValidation(FhirContext fhir, UkCore ukCore,
                                  @org.springframework.beans.factory.annotation.Value(
                                          "${heard.gateway.fhir.warm-up:true}") boolean warmUp) {
        FhirValidation validation = new FhirValidation(fhir, ukCore);
        if (warmUp) {
            Thread thread = new Thread(validation::warmUp, "fhir-validator-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
        return validation;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServer(FhirContext fhir, UkCore ukCore, FhirValidation validation,
                                                      Inbox inbox, InboxWorker worker, GatewayProperties properties,
                                                      MeterRegistry meters,
                                                      org.heard.gateway.outbound.SharedRecords shared,
                                                      org.heard.gateway.apply.Identities identities,
                                                      org.heard.gateway.caseservice.CaseServiceClient caseService,
                                                      org.heard.kit.security.AuditTrail audit) {
        FhirIntake intake = new FhirIntake(fhir, ukCore, validation, inbox, worker, properties, meters);
        RestfulServer server = new RestfulServer(fhir);
        server.setServerName("Heard trust gateway");
        List<IResourceProvider> providers = new java.util.ArrayList<>(List.of(
                new NoticeProviders.PatientProvider(intake), new NoticeProviders.EncounterProvider(intake)));
        providers.addAll(org.heard.gateway.outbound.OutboundProviders.all(fhir, shared, identities, caseService,
                audit));
        server.setResourceProviders(providers);
        server.registerProvider(new NoticeProviders.TransactionProvider(intake));
        server.setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
