package org.heard.outcomes.directory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.heard.contracts.cases.CaseStatus;
import org.heard.kit.access.CaseHolder;
import org.heard.kit.web.RuleViolation;
import org.heard.kit.web.Unavailable;
import org.heard.kit.web.UnknownReference;
import org.heard.outcomes.directory.DirectoryChange.AdvocateChange;
import org.heard.outcomes.directory.DirectoryChange.CaseStatusChange;
import org.heard.outcomes.directory.DirectoryChange.PersonErasure;
import org.heard.outcomes.directory.DirectoryChange.PersonRegistration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The people and cases outcome-service knows, as case-service published them: whether a person id was registered and
 * whether it was erased, and for each case its person, status and advocate ({@code directory_person},
 * {@code directory_case}). Only pseudonymous ids, staff ids and flags: nothing personal. Writes are idempotent (a
 * case's status and advocate change only for an event later in the case's own sequence), so redelivered and replayed
 * events change nothing. Commands about a person check it here, and the caseload rule ({@code RecordAccess}) reads
 * each case's provider, advocate and team from it.
 */
public class CaseDirectory implements Erasures {

    /** What the directory holds of a person. */
    public record Person(String personId, boolean registered, boolean erased) {
    }

    /** What the directory holds of a case: its person, status, the provider that received it, its advocate and team. */
    public record Case(String caseId, String personId, CaseStatus status, String providerId,
                       String advocateId, String team) {

        /** The case as the shared access rule sees it. */
        public CaseHolder holder() {
            return new CaseHolder(caseId, personId, providerId, advocateId, team);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration waitForUnknown;
    private final Duration waitWhileBehind;
    private final DirectoryLag lag;
    private final Object arrivals = new Object();

    /**
     * @param waitForUnknown  how long a person or case not known yet is waited for (case-service's outbox latency)
     * @param waitWhileBehind how long in all it is waited for while the directory has not yet read what
     *                        {@code heard.case.v1} held when the request looked (then 503, never a false 422)
     */
    public CaseDirectory(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Duration waitForUnknown,
                         Duration waitWhileBehind, DirectoryLag lag) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.waitForUnknown = waitForUnknown;
        this.waitWhileBehind = waitWhileBehind.compareTo(waitForUnknown) < 0 ? waitForUnknown : waitWhileBehind;
        this.lag = lag;
    }

    public Optional<Person> person(String personId) {
        return jdbc.query("select person_id, registered, erased from directory_person where person_id = ?",
                (row, n) -> new Person(row.getString(1), row.getBoolean(2), row.getBoolean(3)), personId).stream()
                .findFirst();
    }

    public Optional<Case> find(String caseId) {
        return jdbc.query("select case_id, person_id, status, provider_id, advocate_id, team from directory_case"
                        + " where case_id = ?",
                (row, n) -> new Case(row.getString(1), row.getString(2),
                        row.getString(3) == null ? null : CaseStatus.valueOf(row.getString(3)),
                        row.getString(4), row.getString(5), row.getString(6)), caseId).stream().findFirst();
    }

    /**
     * Something new is to be recorded about the person on the case (an assessment, an outcome, a goal). A person or
     * case not known yet is waited for: {@code heard.directory.wait-for-unknown}, and longer while the directory has
     * not read what {@code heard.case.v1} held when the request looked ({@link Wait}).
     *
     * @throws UnknownReference 422 naming {@code personId} (never registered, or not arrived in time) or
     *                          {@code caseId} (not a case of that person)
     * @throws RuleViolation    {@code person-erased}
     * @throws Unavailable      503: the directory is still behind the topic (e.g. catching up after a restart)
     */
    public Case requireCaseOfPerson(String personId, String caseId) {
        Wait wait = new Wait();
        Optional<Person> person = wait.until(() -> person(personId).filter(p -> p.registered() || p.erased()));
        if (person.isPresent() && person.get().erased()) {
            throw Erasures.refusal();
        }
        if (person.isEmpty()) {
            throw new UnknownReference("personId", "must be the id of a person registered in case-service", true);
        }
        Optional<Case> found = wait.until(() -> find(caseId));
        if (found.isEmpty()) {
            throw new UnknownReference("caseId", "must be the id of a case of that person", true);
        }
        if (!found.get().personId().equals(personId)) {
            throw new UnknownReference("caseId", "must be the id of a case of that person");
        }
        return found.get();
    }

    /**
     * The case once it is as the condition asks (an assignment published a moment ago may not be here yet), waited
     * for as {@link Wait} says; else the case as it is, if known.
     *
     * @throws Unavailable 503: the directory is still behind the topic
     */
    public Optional<Case> awaitCase(String caseId, java.util.function.Predicate<Case> condition) {
        Optional<Case> found = new Wait().until(() -> find(caseId).filter(condition));
        return found.isPresent() ? found : find(caseId);
    }

    @Override
    public boolean isErased(String personId) {
        return person(personId).map(Person::erased).orElse(false);
    }

    /**
     * One request's wait for what it looks up. At its first miss it marks what {@code heard.case.v1} holds; it then
     * waits {@code wait-for-unknown} (a referral acknowledged by case-service a moment ago may still be in its outbox)
     * and, after that, only while the directory's consumer group has not reached the mark, up to
     * {@code wait-while-behind} in all. Not found once the mark is reached: the reference is unknown (422). Still
     * behind at the end, or Kafka not answering: the directory cannot tell, and says so (503, retry).
     */
    private final class Wait {

        private final long start = System.nanoTime();
        private DirectoryLag.Mark mark;
        private boolean markUnknown;

        <T> Optional<T> until(Supplier<Optional<T>> lookup) {
            Optional<T> found = lookup.get();
            if (found.isPresent()) {
                return found;
            }
            if (mark == null && !markUnknown) {
                try {
                    mark = lag.mark();
                } catch (DirectoryLag.Unknown e) {
                    markUnknown = true;
                }
            }
            long shortDeadline = start + waitForUnknown.toNanos();
            long longDeadline = start + waitWhileBehind.toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now - shortDeadline >= 0) {
                    if (reached()) {
                        return lookup.get();
                    }
                    if (now - longDeadline >= 0) {
                        throw new Unavailable("The directory of people and cases has not caught up with"
                                + " case-service's events yet; retry shortly");
                    }
                }
                long left = (now - shortDeadline < 0 ? shortDeadline : longDeadline) - now;
                synchronized (arrivals) {
                    try {
                        // woken when this instance's consumer writes; re-read at least every 100 ms for other
                        // instances' writes
                        arrivals.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return lookup.get();
                    }
                }
                found = lookup.get();
                if (found.isPresent()) {
                    return found;
                }
            }
        }

        private boolean reached() {
            if (mark == null) {
                return false;
            }
            try {
                return lag.reached(mark);
            } catch (DirectoryLag.Unknown e) {
                return false;
            }
        }
    }

    /** Applies the changes of one batch of records in one transaction, then wakes commands waiting for them. */
    void apply(List<DirectoryChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> changes.forEach(this::apply));
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void apply(DirectoryChange change) {
        if (change instanceof PersonRegistration p) {
            jdbc.update("insert into directory_person (person_id, registered, erased) values (?, true, false)"
                    + " on conflict (person_id) do update set registered = true", p.personId());
        } else if (change instanceof PersonErasure p) {
            jdbc.update("insert into directory_person (person_id, registered, erased) values (?, false, true)"
                    + " on conflict (person_id) do update set erased = true", p.personId());
            // kept idempotent answers naming the person or one of their cases go with the erasure
            java.util.List<String> ids = new java.util.ArrayList<>(jdbc.queryForList(
                    "select case_id from directory_case where person_id = ?", String.class, p.personId()));
            ids.add(p.personId());
            org.heard.kit.idempotency.ErasedAnswers.forget(jdbc, ids);
        } else if (change instanceof CaseStatusChange c) {
            jdbc.update("insert into directory_case (case_id, person_id, status, status_sequence, provider_id)"
                            + " values (?, ?, ?, ?, ?) on conflict (case_id) do update set status = excluded.status,"
                            + " status_sequence = excluded.status_sequence where directory_case.status_sequence is null"
                            + " or directory_case.status_sequence < excluded.status_sequence",
                    c.caseId(), c.personId(), c.status().name(), c.sequence(), c.providerId());
            if (c.providerId() != null) {
                // a case's provider never changes; kept whatever order the referral arrives in
                jdbc.update("update directory_case set provider_id = ? where case_id = ? and provider_id is null",
                        c.providerId(), c.caseId());
            }
        } else if (change instanceof AdvocateChange a) {
            jdbc.update("insert into directory_case (case_id, person_id, advocate_id, team, advocate_sequence)"
                            + " values (?, ?, ?, ?, ?) on conflict (case_id) do update set advocate_id = excluded.advocate_id,"
                            + " team = excluded.team, advocate_sequence = excluded.advocate_sequence"
                            + " where directory_case.advocate_sequence is null"
                            + " or directory_case.advocate_sequence < excluded.advocate_sequence",
                    a.caseId(), a.personId(), a.advocateId(), a.team(), a.sequence());
        }
    }
}
