package org.heard.kit.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the problem+json answers in every service that uses the kit. */
@AutoConfiguration
public class WebConfiguration {

    @Bean
    public ProblemHandlers problemHandlers() {
        return new ProblemHandlers();
    }
}
