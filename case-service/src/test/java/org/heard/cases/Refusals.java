package org.heard.cases;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.heard.kit.web.RuleViolation;
import org.heard.kit.web.UnknownReference;

/** Matchers for refusals in aggregate fixtures: by the rule's name a client receives, or by the field named. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Object> ruleViolated(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RuleViolation violation && violation.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule " + rule);
            }
        };
    }

    /** An unknown reference naming the field, whose message does not contain the rejected value. */
    public static Matcher<Object> unknownReference(String field, String rejectedValue) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof UnknownReference unknown && unknown.field().equals(field)
                        && !unknown.getMessage().contains(rejectedValue);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an UnknownReference naming " + field + " without its value");
            }
        };
    }
}
