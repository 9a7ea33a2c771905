package org.heard.cases.access;

import java.util.List;
import java.util.Optional;

import org.heard.kit.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The record-level rules: an advocate may act on the cases on their caseload and on the people those cases are
 * about; a service user only on their own record.
 */
@Component
public class Caseloads {

    private final JdbcTemplate jdbc;

    public Caseloads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A case as the access rules see it. */
    public record CaseEntry(String caseId, String personId, String advocateId, String status) {
    }

    public Optional<CaseEntry> find(String caseId) {
        return jdbc.query("select case_id, person_id, advocate_id, status from case_summary where case_id = ?",
                (row, n) -> new CaseEntry(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                caseId).stream().findFirst();
    }

    public List<CaseEntry> caseload(String advocateId) {
        return jdbc.query("select case_id, person_id, advocate_id, status from case_summary where advocate_id = ?"
                        + " order by case_id",
                (row, n) -> new CaseEntry(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                advocateId);
    }

    /** @throws AccessDeniedException unless the caller's advocate has the case or the caller is its person */
    public void checkCase(Caller caller, CaseEntry entry) {
        boolean advocateOfCase = caller.has(Caller.ADVOCATE) && caller.subject().equals(entry.advocateId());
        if (!advocateOfCase && !caller.isPerson(entry.personId())) {
            throw new AccessDeniedException("case not on the caller's caseload");
        }
    }

    /** @throws AccessDeniedException unless the person has a case on the caller's caseload or is the caller */
    public void checkPerson(Caller caller, String personId) {
        if (caller.isPerson(personId)) {
            return;
        }
        if (caller.has(Caller.ADVOCATE)) {
            Long cases = jdbc.queryForObject("select count(*) from case_summary where person_id = ? and advocate_id = ?",
                    Long.class, personId, caller.subject());
            if (cases != null && cases > 0) {
                return;
            }
        }
        throw new AccessDeniedException("person not on the caller's caseload");
    }
}
