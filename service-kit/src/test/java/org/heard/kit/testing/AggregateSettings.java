package org.heard.kit.testing;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Checks that every aggregate of a service uses the kit's cache and lock factory together: a cached aggregate whose
 * lock is released before its transaction commits can be read, by another command, in a state that then rolls back.
 */
public final class AggregateSettings {

    private AggregateSettings() {
    }

    /** The aggregates under the package that do not name both {@code aggregateCache} and {@code aggregateLockFactory}. */
    public static List<String> withoutTransactionScopedLocks(String basePackage) throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        List<String> wrong = new ArrayList<>();
        List<BeanDefinition> found = new ArrayList<>(scanner.findCandidateComponents(basePackage));
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no aggregates under " + basePackage);
        }
        for (BeanDefinition definition : found) {
            Aggregate aggregate = Class.forName(definition.getBeanClassName()).getAnnotation(Aggregate.class);
            if (!"aggregateCache".equals(aggregate.cache()) || !"aggregateLockFactory".equals(aggregate.lockFactory())) {
                wrong.add(definition.getBeanClassName());
            }
        }
        return wrong;
    }
}
