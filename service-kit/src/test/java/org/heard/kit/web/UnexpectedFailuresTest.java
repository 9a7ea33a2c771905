package org.heard.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the log gets of an unexpected failure: the chain of classes and frames, never a message. */
class UnexpectedFailuresTest {

    @Test
    void aChainOfCausesIsCopiedWithItsClassesAndFramesButNoMessage() {
        IllegalStateException root = new IllegalStateException("value 9990000018 refused");
        RuntimeException middle = new RuntimeException("while saving Alex Synthetic", root);
        NoClassDefFoundError top = new NoClassDefFoundError("could not load");
        top.initCause(middle);

        Throwable copy = UnexpectedFailures.withoutMessages(top);

        assertThat(copy.getMessage()).isEqualTo(NoClassDefFoundError.class.getName());
        assertThat(copy.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(copy.getCause().getMessage()).isEqualTo(RuntimeException.class.getName());
        assertThat(copy.getCause().getCause().getMessage()).isEqualTo(IllegalStateException.class.getName());
        assertThat(copy.getCause().getCause().getCause()).isNull();
        for (Throwable t = copy; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain("9990000018").doesNotContain("Alex");
        }
    }
}
