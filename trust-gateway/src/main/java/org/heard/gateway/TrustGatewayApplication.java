package org.heard.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * trust-gateway: the anti-corruption layer between NHS trusts' record systems and Heard. Trusts speak HL7 v2 over MLLP
 * or FHIR R4 over REST to it; it keeps what they sent in a durable inbox, acknowledges only what is stored, and turns
 * it into Heard's own commands (case-service's API) and events (legal status and qualifying episodes, automatic IMHA
 * referrals) — trusts never call case-service themselves.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrustGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrustGatewayApplication.class, args);
    }
}
