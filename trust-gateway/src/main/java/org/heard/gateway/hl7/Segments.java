package org.heard.gateway.hl7;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;

/** Finding segments and reading their fields through HAPI's model, wherever a message structure puts them. */
final class Segments {

    private Segments() {
    }

    /** Every segment with this name, in message order, including Z-segments HAPI kept as non-standard ones. */
    static List<Segment> all(Message message, String name) {
        List<Segment> found = new ArrayList<>();
        collect(message, name, found);
        return found;
    }

    static Segment first(Message message, String name) {
        List<Segment> found = all(message, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void collect(Group group, String name, List<Segment> found) {
        for (String child : group.getNames()) {
            Structure[] reps;
            try {
                reps = group.getAll(child);
            } catch (HL7Exception e) {
                continue;
            }
            for (Structure rep : reps) {
                if (rep instanceof Segment segment) {
                    if (segment.getName().equals(name) && !isEmpty(segment)) {
                        found.add(segment);
                    }
                } else if (rep instanceof Group inner) {
                    collect(inner, name, found);
                }
            }
        }
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            return false;
        }
    }

    /** A component's value (1-based field, repetition, component, subcomponent), or null when empty. */
    static String get(Segment segment, int field, int rep, int component, int subcomponent) {
        if (segment == null) {
            return null;
        }
        try {
            String value = Terser.get(segment, field, rep, component, subcomponent);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    static String get(Segment segment, int field, int component) {
        return get(segment, field, 0, component, 1);
    }

    /** How many repetitions a field has. */
    static int repetitions(Segment segment, int field) {
        if (segment == null) {
            return 0;
        }
        try {
            return segment.getField(field).length;
        } catch (HL7Exception | RuntimeException e) {
            return 0;
        }
    }
}
