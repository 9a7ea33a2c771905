package org.heard.cases.person;

import java.util.Optional;

import org.heard.kit.web.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds people by the keyed pseudonym of their NHS number ({@code person_lookup}); never by the number itself. */
@Component
public class PersonDirectory {

    private final JdbcTemplate jdbc;

    public PersonDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> findByLookup(String nhsLookup) {
        return jdbc.queryForList("select person_id from person_lookup where lookup_hmac = ?", String.class, nhsLookup)
                .stream().findFirst();
    }

    /** @throws RuleViolation when another person already has this NHS number */
    void add(String nhsLookup, String personId) {
        try {
            jdbc.update("insert into person_lookup (lookup_hmac, person_id) values (?, ?)", nhsLookup, personId);
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("nhs-number-registered", "a person with this NHS number is already registered");
        }
    }

    void remove(String personId) {
        jdbc.update("delete from person_lookup where person_id = ?", personId);
    }
}
