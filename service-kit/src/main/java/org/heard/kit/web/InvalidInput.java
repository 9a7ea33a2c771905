package org.heard.kit.web;

import java.util.List;

/** Bad input found outside Bean Validation (a query parameter, a rule of format, an event's bounds): 400 naming the fields. */
public class InvalidInput extends RuntimeException {

    private final List<ProblemHandlers.FieldProblem> problems;

    /** @param message the rule broken; never the rejected value */
    public InvalidInput(String field, String message) {
        this(List.of(new ProblemHandlers.FieldProblem(field, message)));
    }

    /** Several fields at once; each message the rule broken, never the value. */
    public InvalidInput(List<ProblemHandlers.FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid" : problems.get(0).message());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.problems = List.copyOf(problems);
    }

    /** The first field named. */
    public String field() {
        return problems.get(0).field();
    }

    public List<ProblemHandlers.FieldProblem> problems() {
        return problems;
    }
}
