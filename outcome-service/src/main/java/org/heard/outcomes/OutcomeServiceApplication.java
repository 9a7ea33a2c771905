package org.heard.outcomes;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** outcome-service: outcomes, evaluation frameworks, empowerment assessments, goals and wider impact. */
@SpringBootApplication
public class OutcomeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutcomeServiceApplication.class, args);
    }

    /** "Today" for date rules is today in England and Wales. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }
}
