package org.heard.cases.involvement.correct;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import java.util.List;

import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.InvolvementCorrected;
import org.heard.contracts.involvement.InvolvementRecorded;
import org.heard.contracts.involvement.Participation;
import org.heard.contracts.involvement.ViewsTaken;
import org.junit.jupiter.api.Test;

/** Correcting involvement: it names a recorded involvement of this case, and may come after closure. */
class CorrectInvolvementTest {

    private static final String INVOLVEMENT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final InvolvementRecorded RECORDED = new InvolvementRecorded(CASE, PERSON, INVOLVEMENT,
            Forum.WARD_ROUND, TODAY.minusDays(2), List.of(), Participation.SPOKE_FOR_THEMSELVES_WITH_SUPPORT,
            ViewsTaken.PARTLY, 60, null);

    @Test
    void aCorrectionOfARecordedInvolvementMayComeAfterClosure() {
        fixture().given(referral(), accepted(), RECORDED, closed())
                .when(new CorrectInvolvement(CASE, INVOLVEMENT, Forum.CPA_REVIEW, TODAY.minusDays(3), List.of(),
                        Participation.ADVOCATE_SPOKE_ON_THEIR_BEHALF, ViewsTaken.YES, 45))
                .expectEvents(new InvolvementCorrected(CASE, PERSON, INVOLVEMENT, Forum.CPA_REVIEW,
                        TODAY.minusDays(3), List.of(), Participation.ADVOCATE_SPOKE_ON_THEIR_BEHALF,
                        ViewsTaken.YES, 45));
    }

    @Test
    void aCorrectionNamesAnInvolvementOfThisCase() {
        fixture().given(referral(), accepted())
                .when(new CorrectInvolvement(CASE, INVOLVEMENT, Forum.CPA_REVIEW, TODAY, List.of(),
                        Participation.NOT_INVOLVED, ViewsTaken.NO, 0))
                .expectException(ruleViolated("unknown-involvement"))
                .expectExceptionMessage("a correction must name an involvement of this case");
    }
}
