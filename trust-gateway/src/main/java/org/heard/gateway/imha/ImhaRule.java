package org.heard.gateway.imha;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.heard.contracts.trust.LegalStatusCodeSystem;
import org.heard.gateway.GatewayProperties;

/**
 * Who is a qualifying patient for IMHA, whether Heard refers them on its own, and the first-contact clock — all
 * configuration ({@code heard.gateway.imha.*}), because the Mental Health Act 2025's commencement and deadlines are
 * not settled. The defaults follow the Mental Health Act 1983 as it stands:
 * <ul>
 *   <li>England (s130C): liable to be detained, except under the short-term powers of s4, s5(2), s5(4), s135 and
 *       s136; or subject to guardianship. UK Core England codes 02, 03, 07–10, 12–18, 31 (Criminal Procedure
 *       (Insanity) Act, which takes effect as a hospital order), 35, 36 (guardianship), 37, 38 (s45A). Community
 *       treatment orders and conditional discharge qualify in law but have no code in that classification.</li>
 *   <li>Wales (s130E, extended by the Mental Health (Wales) Measure 2010): the same, community treatment orders (35)
 *       and informal patients in hospital (01) too. UK Core Wales codes 01–03, 07–10, 12–18, 30, 31, 34, 35.</li>
 * </ul>
 */
public final class ImhaRule {

    static final Map<LegalStatusCodeSystem, Set<String>> DEFAULT_QUALIFYING = Map.of(
            LegalStatusCodeSystem.ENGLAND, Set.of("02", "03", "07", "08", "09", "10", "12", "13", "14", "15", "16",
                    "17", "18", "31", "35", "36", "37", "38"),
            LegalStatusCodeSystem.WALES, Set.of("01", "02", "03", "07", "08", "09", "10", "12", "13", "14", "15",
                    "16", "17", "18", "30", "31", "34", "35"));

    private final Map<LegalStatusCodeSystem, Set<String>> qualifying = new EnumMap<>(LegalStatusCodeSystem.class);
    private final boolean automaticReferral;
    private final String name;
    private final Duration firstContactWithin;

    public ImhaRule(GatewayProperties.Imha imha) {
        qualifying.putAll(DEFAULT_QUALIFYING);
        qualifying.putAll(imha.qualifying());
        this.automaticReferral = imha.automaticReferral();
        this.name = imha.rule();
        this.firstContactWithin = imha.firstContactWithin();
    }

    public boolean qualifies(LegalStatusCodeSystem system, String code) {
        return qualifying.getOrDefault(system, Set.of()).contains(code);
    }

    public boolean automaticReferral() {
        return automaticReferral;
    }

    public String name() {
        return name;
    }

    /** When first contact is due, for a notification at this time. */
    public Instant firstContactDueBy(Instant notifiedAt) {
        return notifiedAt.plus(firstContactWithin);
    }
}
