package org.heard.reporting.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import org.heard.contracts.cases.LegalStatusCodes;
import org.junit.jupiter.api.Test;

/** The legal status group analysts see is the one table's ({@link LegalStatusCodes}), code by code. */
class LegalStatusGroupTest {

    @Test
    void everyCodeIsCountedInTheGroupTheTableGivesIt() {
        LegalStatusCodes.all().values().forEach(status ->
                assertThat(PersonProfile.legalGroup(status.code())).as(status.code()).isEqualTo(status.group().name()));
    }

    @Test
    void informalDetainedAndCommunityCodesFallWhereTheActPutsThem() {
        assertThat(PersonProfile.legalGroup("01")).isEqualTo("INFORMAL");
        assertThat(PersonProfile.legalGroup("03")).isEqualTo("DETAINED");
        assertThat(PersonProfile.legalGroup("20")).isEqualTo("DETAINED");
        assertThat(PersonProfile.legalGroup("35")).isEqualTo("COMMUNITY");
        assertThat(PersonProfile.legalGroup("38")).isEqualTo("COMMUNITY");
    }
}
