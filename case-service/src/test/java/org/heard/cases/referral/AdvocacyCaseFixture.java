package org.heard.cases.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.heard.cases.caseload.assign.AssignAdvocateHandler;
import org.heard.cases.closure.close.CloseCaseHandler;
import org.heard.cases.closure.reopen.ReopenCaseHandler;
import org.heard.cases.contact.first.RecordFirstContactHandler;
import org.heard.cases.involvement.correct.CorrectInvolvementHandler;
import org.heard.cases.involvement.forum.ScheduleForumHandler;
import org.heard.cases.involvement.record.RecordInvolvementHandler;
import org.heard.cases.issue.raise.RaiseIssueHandler;
import org.heard.cases.issue.resolve.ResolveIssueHandler;
import org.heard.cases.legalstatus.record.RecordLegalStatusHandler;
import org.heard.cases.person.Persons;
import org.heard.cases.referral.accept.AcceptReferralHandler;
import org.heard.cases.referral.decline.DeclineReferralHandler;
import org.heard.cases.referral.receive.ReceiveReferralHandler;
import org.heard.contracts.SealedValue;
import org.heard.contracts.cases.AdvocacyType;
import org.heard.contracts.cases.CaseClosed;
import org.heard.contracts.cases.ClosureReason;
import org.heard.contracts.cases.ReferralAccepted;
import org.heard.contracts.cases.ReferralReceived;
import org.heard.contracts.cases.ReferralSource;
import org.heard.contracts.cases.Setting;

/**
 * One advocacy case as a given/when/then fixture, for each slice's specification: a fixed London
 * clock (today is {@link #TODAY}), the person's standing as the test says, and every sliced use case's handler
 * registered as Spring wires it.
 */
public final class AdvocacyCaseFixture {

    public static final String CASE = "6f1d7c2e-4b4a-4e57-9a53-2a8f0c1d9b10";
    public static final String PERSON = "0b7e4a8c-51f2-4c3d-8e6a-9d1f2b3c4d5e";
    public static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    public static final LocalDate REFERRED = TODAY.minusDays(30);
    public static final SealedValue WORDS = new SealedValue("k", "c2VhbGVk");

    private AdvocacyCaseFixture() {
    }

    /** @param standing the person's standing, read at each command (registered unless the test says otherwise) */
    public static FixtureConfiguration<AdvocacyCase> fixture(Supplier<Persons.Standing> standing) {
        FixtureConfiguration<AdvocacyCase> fixture = new AggregateTestFixture<>(AdvocacyCase.class);
        Clock clock = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneId.of("Europe/London"));
        Persons persons = personId -> PERSON.equals(personId) ? standing.get() : Persons.Standing.UNKNOWN;
        AdvocacyCases cases = new AdvocacyCases(fixture::getRepository, persons);
        fixture.registerAnnotatedCommandHandler(new ReceiveReferralHandler(cases, clock))
                .registerAnnotatedCommandHandler(new RaiseIssueHandler(cases, clock))
                .registerAnnotatedCommandHandler(new ResolveIssueHandler(cases, clock))
                .registerAnnotatedCommandHandler(new ScheduleForumHandler(cases))
                .registerAnnotatedCommandHandler(new RecordInvolvementHandler(cases, clock))
                .registerAnnotatedCommandHandler(new CorrectInvolvementHandler(cases, clock))
                .registerAnnotatedCommandHandler(new AcceptReferralHandler(cases, clock))
                .registerAnnotatedCommandHandler(new DeclineReferralHandler(cases, clock))
                .registerAnnotatedCommandHandler(new AssignAdvocateHandler(cases))
                .registerAnnotatedCommandHandler(new RecordLegalStatusHandler(cases, clock))
                .registerAnnotatedCommandHandler(new RecordFirstContactHandler(cases, clock))
                .registerAnnotatedCommandHandler(new CloseCaseHandler(cases, clock))
                .registerAnnotatedCommandHandler(new ReopenCaseHandler(cases, clock));
        return fixture;
    }

    public static FixtureConfiguration<AdvocacyCase> fixture() {
        return fixture(() -> Persons.Standing.REGISTERED);
    }

    public static ReferralReceived referral(AdvocacyType type) {
        return new ReferralReceived(CASE, PERSON, type, ReferralSource.PROFESSIONAL, REFERRED, null,
                Setting.INPATIENT_WARD, true, null);
    }

    public static ReferralReceived referral() {
        return referral(AdvocacyType.COMMUNITY);
    }

    public static ReferralAccepted accepted() {
        return new ReferralAccepted(CASE, PERSON, REFERRED.plusDays(1), false);
    }

    public static CaseClosed closed() {
        return new CaseClosed(CASE, PERSON, ClosureReason.GOALS_MET, TODAY.minusDays(1));
    }
}
