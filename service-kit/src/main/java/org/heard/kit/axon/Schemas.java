package org.heard.kit.axon;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.DataSourceInitializer;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** Runs a classpath SQL script (written to be safe at every start) against a database when the context starts. */
public final class Schemas {

    private Schemas() {
    }

    public static DataSourceInitializer initializer(DataSource dataSource, String classpathScript) {
        DataSourceInitializer initializer = new DataSourceInitializer();
        initializer.setDataSource(dataSource);
        initializer.setDatabasePopulator(new ResourceDatabasePopulator(new ClassPathResource(classpathScript)));
        return initializer;
    }
}
