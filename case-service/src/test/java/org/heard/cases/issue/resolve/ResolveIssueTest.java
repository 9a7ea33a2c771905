package org.heard.cases.issue.resolve;

import static org.heard.cases.Refusals.ruleViolated;
import static org.heard.cases.referral.AdvocacyCaseFixture.CASE;
import static org.heard.cases.referral.AdvocacyCaseFixture.PERSON;
import static org.heard.cases.referral.AdvocacyCaseFixture.REFERRED;
import static org.heard.cases.referral.AdvocacyCaseFixture.TODAY;
import static org.heard.cases.referral.AdvocacyCaseFixture.WORDS;
import static org.heard.cases.referral.AdvocacyCaseFixture.accepted;
import static org.heard.cases.referral.AdvocacyCaseFixture.closed;
import static org.heard.cases.referral.AdvocacyCaseFixture.fixture;
import static org.heard.cases.referral.AdvocacyCaseFixture.referral;

import org.heard.contracts.cases.IssueCategory;
import org.heard.contracts.cases.IssueRaised;
import org.heard.contracts.cases.IssueResolution;
import org.heard.contracts.cases.IssueResolved;
import org.junit.jupiter.api.Test;

/** Resolving an issue: only an open issue of this case, once. */
class ResolveIssueTest {

    private static final String ISSUE = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final IssueRaised RAISED = new IssueRaised(CASE, PERSON, ISSUE, IssueCategory.MEDICATION, WORDS,
            TODAY);

    @Test
    void anOpenIssueIsResolved() {
        fixture().given(referral(), accepted(), RAISED)
                .when(new ResolveIssue(CASE, ISSUE, IssueResolution.ACHIEVED, TODAY))
                .expectEvents(new IssueResolved(CASE, PERSON, ISSUE, IssueResolution.ACHIEVED, TODAY));
    }

    @Test
    void anIssueIsResolvedOnce() {
        fixture().given(referral(), accepted(), RAISED,
                        new IssueResolved(CASE, PERSON, ISSUE, IssueResolution.ACHIEVED, TODAY))
                .when(new ResolveIssue(CASE, ISSUE, IssueResolution.WITHDRAWN, TODAY))
                .expectException(ruleViolated("issue-resolved"));
    }

    @Test
    void onlyAnIssueOfTheCaseCanBeResolved() {
        fixture().given(referral(), accepted())
                .when(new ResolveIssue(CASE, ISSUE, IssueResolution.ACHIEVED, TODAY))
                .expectException(ruleViolated("unknown-issue"))
                .expectExceptionMessage("issueId names no issue of this case");
    }

    @Test
    void noResolutionOnAClosedCaseNorBeforeTheReferral() {
        fixture().given(referral(), accepted(), RAISED, closed())
                .when(new ResolveIssue(CASE, ISSUE, IssueResolution.ACHIEVED, TODAY))
                .expectException(ruleViolated("case-closed"));
        fixture().given(referral(), accepted(), RAISED)
                .when(new ResolveIssue(CASE, ISSUE, IssueResolution.ACHIEVED, REFERRED.minusDays(1)))
                .expectException(ruleViolated("date-before-referral"));
    }
}
