package org.heard.reporting.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

/** The rule as an analyst meets it, case by case; {@link DisclosurePropertiesTest} covers the ground in between. */
class DisclosureTest {

    private final Disclosure standard = new Disclosure(DisclosureRule.standard());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theStandardRuleSuppressesUpToSevenAndRoundsToFive() {
        assertThat(DisclosureRule.standard()).isEqualTo(new DisclosureRule(7, 5));
    }

    @Test
    void aTrueZeroIsPublishedAsZero() {
        assertThat(standard.count(0).toCsv()).isEqualTo("0");
        assertThat(standard.count(0).isSuppressed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7})
    void countsOfOneToSevenAreSuppressed(long count) {
        assertThat(standard.count(count).isSuppressed()).isTrue();
        assertThat(standard.count(count).toCsv()).isEqualTo("*");
    }

    @ParameterizedTest
    @CsvSource({"8,10", "10,10", "12,10", "13,15", "17,15", "18,20", "100,100", "102,100", "103,105"})
    void largerCountsAreRoundedToTheNearestFive(long count, String published) {
        assertThat(standard.count(count).toCsv()).isEqualTo(published);
    }

    @ParameterizedTest
    @CsvSource({"9,*", "10,10", "14,10", "15,20", "24,20", "25,30", "0,0"})
    void aDeploymentMaySuppressOneToNineAndRoundToTenWithHalvesUp(long count, String published) {
        Disclosure oneToNineByTens = new Disclosure(new DisclosureRule(9, 10));

        assertThat(oneToNineByTens.count(count).toCsv()).isEqualTo(published);
    }

    @Test
    void aRuleThatWouldShowASuppressedNumberIsRefused() {
        assertThatThrownBy(() -> new DisclosureRule(10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would publish a count of 11 as 10");
        assertThatThrownBy(() -> new DisclosureRule(7, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would publish a count of 8 as 0");
    }

    @Test
    void aRuleNeedsANonNegativeThresholdAndAPositiveBase() {
        assertThatThrownBy(() -> new DisclosureRule(-1, 5)).hasMessageContaining("suppressUpTo");
        assertThatThrownBy(() -> new DisclosureRule(7, 0)).hasMessageContaining("roundingBase");
        assertThat(new Disclosure(new DisclosureRule(0, 1)).count(3).toCsv()).isEqualTo("3");
    }

    @Test
    void aNegativeCountIsABug() {
        assertThatThrownBy(() -> standard.count(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inJsonACellIsAPlainNumberOrTheStringStar() throws Exception {
        assertThat(json.writeValueAsString(standard.count(12))).isEqualTo("10");
        assertThat(json.writeValueAsString(standard.count(0))).isEqualTo("0");
        assertThat(json.writeValueAsString(standard.count(3))).isEqualTo("\"*\"");
        assertThat(json.writeValueAsString(standard.mean(25, 8))).isEqualTo("3.13");
        assertThat(json.writeValueAsString(standard.share(8, 20))).isEqualTo("50.0");
        assertThat(json.writeValueAsString(standard.mean(20, 7))).isEqualTo("\"*\"");
    }

    @Test
    void aMeanIsShownToTwoDecimalsOnlyWhenItsCountWouldBeShown() {
        assertThat(standard.mean(25, 8).toCsv()).isEqualTo("3.13");
        assertThat(standard.mean(-10, 9).toCsv()).isEqualTo("-1.11");
        assertThat(standard.mean(20, 7).isSuppressed()).isTrue();
        assertThat(standard.mean(0, 1).isSuppressed()).isTrue();
        assertThat(standard.mean(0, 0).isSuppressed()).isTrue();
    }

    @Test
    void aShareIsComputedFromThePublishedCountsSoItRevealsNothingMore() {
        // true 8 of 13 is 61.5%, but 8 and 13 are published as 10 and 15
        assertThat(standard.share(8, 13).toCsv()).isEqualTo("66.7");
        assertThat(standard.share(8, 20).toCsv()).isEqualTo("50.0");
        assertThat(standard.share(9, 9).toCsv()).isEqualTo("100.0");
        assertThat(standard.share(0, 20).toCsv()).isEqualTo("0.0");
    }

    @Test
    void aShareIsWithheldWhenEitherCountIsSuppressedOrThereIsNoWhole() {
        assertThat(standard.share(3, 40).isSuppressed()).isTrue();
        assertThat(standard.share(0, 5).isSuppressed()).isTrue();
        assertThat(standard.share(0, 0).isSuppressed()).isTrue();
        assertThatThrownBy(() -> standard.share(9, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
