package org.heard.contracts.outcomes;

import java.math.BigDecimal;

/**
 * What a framework version declares for the reliable change index (Jacobson &amp; Truax, 1991): the standard deviation
 * of the version's total score in a reference (usually baseline) population and the reliability of that score. A
 * change of the total is reliable when it exceeds 1.96 × standardDeviation × √2 × √(1 − reliability).
 *
 * @param standardDeviation      SD of the total score (the version's scoring rule), in score points; above 0
 * @param reliability            reliability of the total score, above 0 and below 1
 * @param reliabilityCoefficient what the reliability is: Cronbach's α (internal consistency) or test–retest
 * @param improvement            whether a rise or a fall of the total is an improvement
 * @param source                 where the figures come from (a publication, a pilot with its n); no personal data
 */
public record ReliableChangeBasis(BigDecimal standardDeviation, BigDecimal reliability,
                                  ReliabilityCoefficient reliabilityCoefficient, ImprovementDirection improvement,
                                  String source) {

    /** The kind of reliability coefficient declared. */
    public enum ReliabilityCoefficient {
        CRONBACH_ALPHA,
        TEST_RETEST
    }

    /** Which way a total score moves when things get better. */
    public enum ImprovementDirection {
        INCREASE,
        DECREASE
    }
}
