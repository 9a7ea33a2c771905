package org.heard.contracts.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The one table of case status: which published event moves a case where. */
class CaseStatusTest {

    private static final String CASE = "c0ffee00-0000-4000-8000-000000000001";
    private static final String PERSON = "c0ffee00-0000-4000-8000-000000000002";
    private static final LocalDate DAY = LocalDate.parse("2026-02-10");

    @Test
    void aReferralIsReferredAcceptedOrReopenedIsOpenDeclinedAndClosedAreEnded() {
        assertThat(CaseStatus.after(new ReferralReceived(CASE, PERSON, AdvocacyType.IMHA, ReferralSource.SELF, DAY,
                null, null, null, null, "provider-north"))).hasValue(CaseStatus.REFERRED);
        assertThat(CaseStatus.after(new ReferralAccepted(CASE, PERSON, DAY, false))).hasValue(CaseStatus.OPEN);
        assertThat(CaseStatus.after(new CaseReopened(CASE, PERSON, DAY))).hasValue(CaseStatus.OPEN);
        assertThat(CaseStatus.after(new ReferralDeclined(CASE, PERSON, DAY, DeclineReason.values()[0])))
                .hasValue(CaseStatus.DECLINED);
        assertThat(CaseStatus.after(new CaseClosed(CASE, PERSON, ClosureReason.OTHER, DAY)))
                .hasValue(CaseStatus.CLOSED);
        assertThat(CaseStatus.DECLINED.ended()).isTrue();
        assertThat(CaseStatus.CLOSED.ended()).isTrue();
        assertThat(CaseStatus.OPEN.ended()).isFalse();
        assertThat(CaseStatus.REFERRED.ended()).isFalse();
    }

    @Test
    void anEventThatIsNotADecisionLeavesTheStatusAlone() {
        assertThat(CaseStatus.after(new AdvocateAssigned(CASE, PERSON, "advocate-1", "red"))).isEmpty();
        assertThat(CaseStatus.after("not an event")).isEmpty();
    }
}
