package org.heard.contracts.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Which infrastructure the component tests use. By default the embedded stand-ins (in-process Kafka, PostgreSQL from
 * embedded binaries, mongo-java-server); with {@code -Pdocker-it} real containers through Testcontainers. As a JUnit
 * condition ({@code @ExtendWith(DockerIt.class)}) it skips a component test under {@code -Pdocker-it} when there is no
 * Docker engine, rather than failing it.
 */
public final class DockerIt implements ExecutionCondition {

    /** True under {@code -Pdocker-it}. */
    public static boolean enabled() {
        return Boolean.getBoolean("heard.docker-it");
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!enabled()) {
            return ConditionEvaluationResult.enabled("embedded infrastructure");
        }
        return DockerClientFactory.instance().isDockerAvailable()
                ? ConditionEvaluationResult.enabled("Docker available: running against containers")
                : ConditionEvaluationResult.disabled("-Pdocker-it without a Docker engine: skipped");
    }
}
