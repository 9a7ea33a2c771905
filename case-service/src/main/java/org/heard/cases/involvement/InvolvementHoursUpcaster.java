package org.heard.cases.involvement;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.heard.contracts.envelope.EventJson;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Involvement was first recorded with advocate time in hours ({@code advocateHours}, a decimal); it is now whole
 * minutes ({@code advocateMinutes}). Stored events of the first shape are read as the current one, so old cases still
 * replay and publish the current contract. The rule for rounding: to the nearest minute.
 */
@Component
public class InvolvementHoursUpcaster extends SingleEventUpcaster {

    private static final String TYPE = InvolvementRecorded.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && representation.getType().getRevision() == null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, null), byte[].class,
                InvolvementHoursUpcaster::toMinutes);
    }

    static byte[] toMinutes(byte[] json) {
        JsonNode tree = EventJson.mapper().readTree(json);
        if (!(tree instanceof ObjectNode event) || !event.has("advocateHours")) {
            return json;
        }
        event.put("advocateMinutes", Math.round(event.get("advocateHours").asDouble() * 60));
        event.remove("advocateHours");
        if (!event.has("issueIds")) {
            event.putArray("issueIds");
        }
        return EventJson.mapper().writeValueAsBytes(event);
    }
}
