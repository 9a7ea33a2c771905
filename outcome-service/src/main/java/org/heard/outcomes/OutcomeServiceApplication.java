package org.heard.outcomes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** outcome-service: outcomes, evaluation frameworks, empowerment assessments, goals and wider impact. */
@SpringBootApplication
public class OutcomeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutcomeServiceApplication.class, args);
    }

}
