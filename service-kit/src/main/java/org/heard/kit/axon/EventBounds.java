package org.heard.kit.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.heard.contracts.EventCatalogue;
import org.heard.contracts.HeardEvent;
import org.heard.contracts.envelope.EventSchemas;
import org.heard.kit.web.InvalidInput;
import org.heard.kit.web.ProblemHandlers;

/**
 * The one place the published schemas' bounds are enforced on what comes in: every event a command applies is
 * checked against its type's JSON Schema before it is stored; one that breaks it (a text too long, too many items, a
 * NUL) fails the command with 400 naming the field (never its value), and nothing of the command is stored. So no
 * event in the outbox can be over the broker's limit or refused by a consumer, whichever endpoint made it.
 */
public final class EventBounds implements MessageDispatchInterceptor<EventMessage<?>> {

    private final EventSchemas schemas;

    public EventBounds(EventSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            check(message.getPayload());
            return message;
        };
    }

    /** Throws {@link InvalidInput} when a published event breaks its schema; other payloads pass. */
    public void check(Object payload) {
        if (!(payload instanceof HeardEvent event) || EventCatalogue.forClass(event.getClass()).isEmpty()) {
            return;
        }
        List<EventSchemas.Problem> problems = schemas.problems(event);
        if (problems.isEmpty()) {
            return;
        }
        List<ProblemHandlers.FieldProblem> fields = new ArrayList<>();
        for (EventSchemas.Problem problem : problems) {
            fields.add(new ProblemHandlers.FieldProblem(problem.field(), problem.rule()));
        }
        throw new InvalidInput(fields);
    }
}
