package org.heard.cases.involvement;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.heard.kit.domain.NotInFuture;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Involvement in a forum (also the body of a correction, where forumId is ignored): the one request body the
 * {@code record} and {@code correct} slices share, so it lives beside them rather than in either.
 */
public record InvolvementRequest(@NotNull Forum forum, @NotNull @NotInFuture LocalDate heldOn,
                                 List<@NotNull UUID> issueIds, @NotNull Participation participation,
                                 @NotNull ViewsTaken viewsTakenIntoAccount,
                                 @NotNull @Min(0) @Max(1440) Integer advocateMinutes, UUID forumId) {

    /** The issue ids as the events carry them (none when absent); static, so not a property of the body. */
    public static List<String> ids(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().map(UUID::toString).toList();
    }
}
