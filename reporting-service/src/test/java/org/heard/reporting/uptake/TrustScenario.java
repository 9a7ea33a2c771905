package org.heard.reporting.uptake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.HeardEvent;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.ContactMode;
import org.heard.contracts.cases.DeclineReason;
import org.heard.contracts.cases.FirstContactMade;
import org.heard.contracts.cases.ReferralDeclined;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.persons.EqualityDetails;
import org.heard.contracts.persons.Gender;
import org.heard.contracts.persons.PersonRegistered;
import org.heard.contracts.trust.AutomaticImhaReferralMade;
import org.heard.contracts.trust.EpisodeEndReason;
import org.heard.contracts.trust.ImhaOptOutRecorded;
import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.contracts.trust.OptOutKind;
import org.heard.contracts.trust.QualifyingEpisodeEnded;
import org.heard.contracts.trust.QualifyingEpisodeReinstated;
import org.heard.contracts.trust.QualifyingEpisodeStarted;
import org.heard.contracts.trust.TrustProtocol;
import org.heard.reporting.cohort.PersonFacts;
import org.heard.reporting.projection.ProjectedEvent;
import org.heard.reporting.projection.TestEvents;

/**
 * One person's events as case-service and the trust gateway log them (the gateway's aggregate is the person, a
 * case's is the case), for tests of the uptake fold.
 */
final class TrustScenario {

    final String person;
    final List<ProjectedEvent> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    TrustScenario(String person) {
        this.person = person;
    }

    TrustScenario registered(String ethnicCategory, String ageBand, Gender gender) {
        return add(new PersonRegistered(person, null, null, null, null,
                new EqualityDetails(ethnicCategory, ageBand, gender, "en", false, List.of())), "Person/" + person,
                "2026-01-01T08:00:00Z");
    }

    TrustScenario qualified(String episode, String code, String startedAt, String ward) {
        Instant started = Instant.parse(startedAt);
        return add(new QualifyingEpisodeStarted(person, episode, code, LegalStatusCodeSystem.ENGLAND, started,
                started.plusSeconds(3600), "RX1", "RX101", ward), person, started.plusSeconds(3600));
    }

    TrustScenario automatic(String episode, String caseId, String notifiedAt, String dueBy) {
        return add(new AutomaticImhaReferralMade(person, episode, caseId, Instant.parse(notifiedAt),
                Instant.parse(dueBy), "mha-1983-s130c"), person, Instant.parse(notifiedAt).plusSeconds(60));
    }

    TrustScenario referred(String caseId, AdvocacyType type, String on, ReferralSource source) {
        return add(new ReferralReceived(caseId, person, type, source, LocalDate.parse(on), null, null, null, null,
                "provider-1"), caseId, on + "T10:00:00Z");
    }

    TrustScenario contacted(String caseId, String on) {
        return add(new FirstContactMade(caseId, person, LocalDate.parse(on), ContactMode.IN_PERSON, 0), caseId,
                on + "T16:00:00Z");
    }

    TrustScenario declined(String caseId, String on) {
        return add(new ReferralDeclined(caseId, person, LocalDate.parse(on), DeclineReason.PERSON_DID_NOT_WANT_ADVOCACY), caseId,
                on + "T16:30:00Z");
    }

    TrustScenario optedOut(String episode, String caseId, String on) {
        return add(new ImhaOptOutRecorded(person, episode, caseId, LocalDate.parse(on), OptOutKind.OPTED_OUT,
                TrustProtocol.HL7V2), person, on + "T11:00:00Z");
    }

    TrustScenario ended(String episode, EpisodeEndReason reason, String at) {
        return add(new QualifyingEpisodeEnded(person, episode, Instant.parse(at), reason), person, at);
    }

    TrustScenario reinstated(String episode, String at) {
        return add(new QualifyingEpisodeReinstated(person, episode, Instant.parse(at)), person, at);
    }

    TrustScenario add(HeardEvent event, String aggregate, String time) {
        return add(event, aggregate, Instant.parse(time));
    }

    TrustScenario add(HeardEvent event, String aggregate, Instant time) {
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        events.add(TestEvents.event(event, aggregate, sequence, time));
        return this;
    }

    PersonFacts facts() {
        return PersonFacts.of(events);
    }

    Uptake.Input input() {
        return new Uptake.Input(person, person, facts());
    }

    QualifiedPerson qualified(Instant now) {
        return QualifiedPerson.of(facts(), null, null, now);
    }
}
