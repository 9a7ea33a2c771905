package org.heard.cases.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.heard.cases.person.Persons;
import org.heard.contracts.cases.CaseStatus;
import org.heard.kit.access.CaseAccess;
import org.heard.kit.access.CaseHolder;
import org.heard.kit.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The record-level rules of case-service over its read models ({@code case_summary}, {@code access_grant}), by the
 * one rule every service shares ({@link CaseAccess}): an advocate acts on the cases on their caseload at their own
 * provider and on the people of those cases; a service user only on their own record; an exceptional look, granted on
 * a reasoned request, reads (and only reads) a person's whole record until it expires.
 */
@Component
public class Caseloads {

    private static final String COLUMNS = "case_id, person_id, provider_id, advocate_id, team, status";

    private final JdbcTemplate jdbc;
    private final CaseAccess access;
    private final Clock clock;
    private final Persons persons;

    public Caseloads(JdbcTemplate jdbc, CaseAccess access, Clock clock, Persons persons) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
        this.persons = persons;
    }

    /** A case as the access rules see it. */
    public record CaseEntry(CaseHolder holder, CaseStatus status) {

        public String caseId() {
            return holder.caseId();
        }

        public String personId() {
            return holder.personId();
        }

        public String advocateId() {
            return holder.advocateId();
        }
    }

    /** Why a read was allowed: the purpose the audit records. */
    public record ReadPermit(String purpose) {
    }

    private static CaseEntry entry(ResultSet row, int n) throws SQLException {
        return new CaseEntry(new CaseHolder(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5)), CaseStatus.valueOf(row.getString(6)));
    }

    public Optional<CaseEntry> find(String caseId) {
        return jdbc.query("select " + COLUMNS + " from case_summary where case_id = ?", Caseloads::entry, caseId)
                .stream().findFirst();
    }

    /** The caller's caseload: the cases assigned to them, and their team's where their provider shares by team. */
    public List<CaseEntry> caseload(Caller caller) {
        if (caller.providerId() == null) {
            return List.of();
        }
        List<CaseEntry> candidates = access.sharesByTeam(caller.providerId()) && caller.team() != null
                ? jdbc.query("select " + COLUMNS + " from case_summary where advocate_id = ? or team = ?"
                        + " order by case_id", Caseloads::entry, caller.subject(), caller.team())
                : jdbc.query("select " + COLUMNS + " from case_summary where advocate_id = ? order by case_id",
                        Caseloads::entry, caller.subject());
        return candidates.stream().filter(c -> access.onCaseload(caller, c.holder())).toList();
    }

    private List<CaseEntry> casesOf(String personId) {
        return jdbc.query("select " + COLUMNS + " from case_summary where person_id = ?", Caseloads::entry, personId);
    }

    /** @throws AccessDeniedException unless the case is on the caller's caseload or the caller is its person */
    public void checkCase(Caller caller, CaseEntry entry) {
        access.requireReadable(caller, entry.holder());
    }

    /** @throws AccessDeniedException unless the case is on the caller's caseload */
    public void checkOnCaseload(Caller caller, CaseEntry entry) {
        access.requireOnCaseload(caller, entry.holder());
    }

    /** @throws AccessDeniedException unless the case is on the caller's caseload or open to their provider */
    public void checkOnCaseloadOrTakeable(Caller caller, CaseEntry entry) {
        access.requireOnCaseloadOrTakeable(caller, entry.holder());
    }

    /**
     * A legal status comes from the case's advocate or from a trust feed of the case's provider.
     *
     * @throws AccessDeniedException otherwise (an unassigned case included: an advocate takes it first)
     */
    public void checkLegalStatus(Caller caller, CaseEntry entry) {
        if (caller.has(Caller.INTEGRATION) && access.ofCallersProvider(caller, entry.holder())) {
            return;
        }
        access.requireOnCaseload(caller, entry.holder());
    }

    /**
     * May the caller read this case? On their caseload or about themselves ({@code casework}, {@code own-record}),
     * or under an exceptional look at its person ({@code access-grant/<id>}).
     *
     * @throws AccessDeniedException otherwise
     */
    public ReadPermit readCase(Caller caller, CaseEntry entry) {
        if (caller.isPerson(entry.personId())) {
            return new ReadPermit("own-record");
        }
        if (access.onCaseload(caller, entry.holder())) {
            return new ReadPermit("casework");
        }
        return grant(caller, entry.personId()).map(id -> new ReadPermit("access-grant/" + id))
                .orElseThrow(() -> new AccessDeniedException("case not on the caller's caseload"));
    }

    /**
     * May the caller read this person's details? As {@link #readCase}, through any case of theirs; an erased
     * person's record, which holds nothing but the fact, is read as erased ({@code erased-record}).
     */
    public ReadPermit readPerson(Caller caller, String personId) {
        if (persons.of(personId) == Persons.Standing.ERASED) {
            // their cases have left every caseload; what is left to read is that they were erased
            return new ReadPermit("erased-record");
        }
        if (caller.isPerson(personId)) {
            return new ReadPermit("own-record");
        }
        if (hasOnCaseload(caller, personId)) {
            return new ReadPermit("casework");
        }
        return grant(caller, personId).map(id -> new ReadPermit("access-grant/" + id))
                .orElseThrow(() -> new AccessDeniedException("person not on the caller's caseload"));
    }

    /**
     * @throws org.heard.kit.web.RuleViolation {@code person-erased} for an erased person
     * @throws AccessDeniedException unless the person has a case on the caller's caseload or is the caller
     */
    public void checkPerson(Caller caller, String personId) {
        // an erased person's cases have left every caseload: the answer is their erasure (409), not a refusal
        persons.requireNotErased(personId);
        if (!caller.isPerson(personId) && !hasOnCaseload(caller, personId)) {
            throw new AccessDeniedException("person not on the caller's caseload");
        }
    }

    /**
     * Erasure destroys the person's record for every provider: the person may ask for it; an advocate only when the
     * person has a case on their caseload and no case at another provider.
     *
     * @throws org.heard.kit.web.RuleViolation {@code person-erased} when already erased
     * @throws AccessDeniedException otherwise
     */
    public void checkErasure(Caller caller, String personId) {
        persons.requireNotErased(personId);
        if (caller.isPerson(personId)) {
            return;
        }
        checkPerson(caller, personId);
        boolean elsewhere = casesOf(personId).stream()
                .anyMatch(c -> !access.ofCallersProvider(caller, c.holder()));
        if (elsewhere) {
            throw new AccessDeniedException("the person has cases at another provider");
        }
    }

    /** True when the person has cases at a provider other than the caller's. */
    public boolean heldElsewhere(Caller caller, String personId) {
        return casesOf(personId).stream().anyMatch(c -> !access.ofCallersProvider(caller, c.holder()));
    }

    private boolean hasOnCaseload(Caller caller, String personId) {
        return caller.has(Caller.ADVOCATE) && caller.providerId() != null
                && casesOf(personId).stream().anyMatch(c -> access.onCaseload(caller, c.holder()));
    }

    /** The id of an unexpired grant of a look at the person to this advocate at their provider. */
    private Optional<String> grant(Caller caller, String personId) {
        if (!caller.has(Caller.ADVOCATE) || caller.providerId() == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select grant_id from access_grant where person_id = ? and advocate_id = ?"
                        + " and provider_id = ? and expires_at > ? order by expires_at desc", String.class, personId,
                caller.subject(), caller.providerId(), java.sql.Timestamp.from(clock.instant()))
                .stream().findFirst();
    }
}
