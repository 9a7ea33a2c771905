package org.heard.kit.idempotency;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Idempotency keys for every POST of a service with a database, checked after authentication (keys are per caller). */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JdbcTemplate.class)
public class IdempotencyConfiguration {

    @Bean
    public DataSourceInitializer idempotencySchemaInitializer(DataSource dataSource) {
        DataSourceInitializer initializer = new DataSourceInitializer();
        initializer.setDataSource(dataSource);
        initializer.setDatabasePopulator(
                new ResourceDatabasePopulator(new ClassPathResource("org/heard/kit/idempotency-postgres-schema.sql")));
        return initializer;
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
