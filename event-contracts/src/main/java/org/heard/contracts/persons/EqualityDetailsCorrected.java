package org.heard.contracts.persons;

import org.heard.contracts.HeardEvent;

/**
 * A person's equality details were corrected. A correction is a new fact, never an overwrite, and it names the event
 * whose details it corrects.
 *
 * @param correctsEventId the id of the event whose details this replaces
 * @param details         the corrected details, complete
 */
public record EqualityDetailsCorrected(String personId, String correctsEventId, EqualityDetails details)
        implements HeardEvent {
}
