package org.heard.kit.idempotency;

import javax.sql.DataSource;

import org.heard.kit.axon.Schemas;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;

/** Idempotency keys for every POST of a service with a database, checked after authentication (keys are per caller). */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
public class IdempotencyConfiguration {

    @Bean
    public DataSourceInitializer idempotencySchemaInitializer(DataSource dataSource) {
        return Schemas.initializer(dataSource, "org/heard/kit/idempotency-postgres-schema.sql");
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(DataSource dataSource,
                                                                       DataSourceInitializer idempotencySchemaInitializer) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(new JdbcTemplate(dataSource)));
        registration.setOrder(0); // after Spring Security's filter chain (order -100)
        return registration;
    }
}
