package org.heard.gateway.apply;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.heard.gateway.notice.TrustNotice.Identifier;
import org.heard.kit.privacy.PrivacyConfiguration.LookupPseudonyms;
import org.heard.kit.privacy.Pseudonyms;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who is who ({@code trust_identity}): keyed HMACs of a person's NHS number (the same lookup pseudonym case-service
 * keeps) and of each trust's own hospital numbers for them, pointing at the person's pseudonymous id. Never the
 * identifiers themselves.
 */
public class Identities {

    private final JdbcTemplate jdbc;
    private final LookupPseudonyms lookups;
    private final Pseudonyms pseudonyms;

    public Identities(JdbcTemplate jdbc, LookupPseudonyms lookups) {
        this.jdbc = jdbc;
        this.lookups = lookups;
        this.pseudonyms = lookups.pseudonyms();
    }

    public String ofNhsNumber(String nhsNumber) {
        return lookups.ofNhsNumber(nhsNumber);
    }

    public String ofLocal(String organisation, Identifier identifier) {
        return pseudonyms.of("local:" + organisation + "|" + identifier.authority() + "|" + identifier.value());
    }

    /** A digest of a trust's stay identifier, for events: the same stay, the same value; not reversible. */
    public String ofStay(String organisation, String stayId) {
        return stayId == null ? null : pseudonyms.of("stay:" + organisation + "|" + stayId).substring(0, 32);
    }

    public Optional<String> find(String identifierHmac) {
        return jdbc.queryForList("select person_id from trust_identity where identifier_hmac = ?", String.class,
                identifierHmac).stream().findFirst();
    }

    /** The first of these identifiers that is known, as a person id. */
    public Optional<String> findAny(Collection<String> identifierHmacs) {
        for (String hmac : identifierHmacs) {
            Optional<String> found = find(hmac);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Points these identifiers at the person (a later resolution wins). */
    public void remember(Collection<String> identifierHmacs, String personId) {
        for (String hmac : identifierHmacs) {
            jdbc.update("insert into trust_identity (identifier_hmac, person_id) values (?, ?) on conflict"
                    + " (identifier_hmac) do update set person_id = excluded.person_id", hmac, personId);
        }
    }

    /** Points every identifier of one person at another (a merge). */
    public void repoint(String fromPersonId, String toPersonId) {
        jdbc.update("update trust_identity set person_id = ? where person_id = ?", toPersonId, fromPersonId);
    }

    /** Forgets a person (erasure). */
    public void forget(String personId) {
        jdbc.update("delete from trust_identity where person_id = ?", personId);
    }

    public List<String> of(String personId) {
        return jdbc.queryForList("select identifier_hmac from trust_identity where person_id = ?", String.class,
                personId);
    }
}
