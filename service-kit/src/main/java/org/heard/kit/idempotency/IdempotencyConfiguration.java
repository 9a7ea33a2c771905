package org.heard.kit.idempotency;

import javax.sql.DataSource;

import org.heard.kit.axon.Schemas;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Idempotency keys for every POST of a service with a database, checked after authentication (keys are per caller).
 * The filter runs each keyed request in a transaction of the service's primary DataSource, the one Axon's event
 * store uses.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(JdbcTemplate.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    public DataSourceInitializer idempotencySchemaInitializer(DataSource dataSource) {
        return Schemas.initializer(dataSource, "org/heard/kit/idempotency-postgres-schema.sql");
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(DataSource dataSource,
                                                                       PlatformTransactionManager transactionManager,
                                                                       IdempotencyProperties properties,
                                                                       DataSourceInitializer idempotencySchemaInitializer) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(new JdbcTemplate(dataSource), transactionManager, properties));
        registration.setOrder(0); // after Spring Security's filter chain (order -100)
        return registration;
    }

    @Bean
    public ExpiredKeys expiredIdempotencyKeys(DataSource dataSource, IdempotencyProperties properties,
                                              DataSourceInitializer idempotencySchemaInitializer) {
        return new ExpiredKeys(new JdbcTemplate(dataSource), properties);
    }
}
