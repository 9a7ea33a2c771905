package org.heard.cases.involvement.forum;

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

import org.heard.contracts.involvement.Forum;
import org.heard.contracts.involvement.ForumScheduled;
import org.junit.jupiter.api.Test;

/** Noting a forum: it may lie ahead, not before the referral, and not on a closed case. */
class ScheduleForumTest {

    private static final String FORUM = "2b3c4d5e-6f70-4182-9a3b-4c5d6e7f8091";

    @Test
    void aForumMayLieAhead() {
        fixture().given(referral(), accepted())
                .when(new ScheduleForum(CASE, FORUM, Forum.MENTAL_HEALTH_TRIBUNAL, TODAY.plusDays(14)))
                .expectEvents(new ForumScheduled(CASE, PERSON, FORUM, Forum.MENTAL_HEALTH_TRIBUNAL,
                        TODAY.plusDays(14)));
    }

    @Test
    void aForumCannotLieBeforeTheReferral() {
        fixture().given(referral(), accepted())
                .when(new ScheduleForum(CASE, FORUM, Forum.WARD_ROUND, REFERRED.minusDays(1)))
                .expectException(ruleViolated("date-before-referral"));
    }

    @Test
    void noForumOnAClosedCase() {
        fixture().given(referral(), accepted(), closed())
                .when(new ScheduleForum(CASE, FORUM, Forum.CPA_REVIEW, TODAY.plusDays(5)))
                .expectException(ruleViolated("case-closed"));
    }
}
