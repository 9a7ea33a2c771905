package org.heard.reporting.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.contracts.EventCatalogue;
import org.heard.reporting.timeline.PersonTimeline;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What the cohort views need to know about one person, folded from their timeline by a pure function: equality
 * categories, their first case, legal status, first contact, assessments (every reading, in date order), involvement,
 * outcomes by domain and perspective, issues. Nothing identifying: categories and facts only. Data dated on or after a
 * withdrawal of evaluation consent is left out.
 *
 * @param ethnicGroup      ONS-style group from the NHS ethnic category: White, Mixed, Asian, Black, Other, Not stated
 * @param legalStatusGroup informal, detained, community (CTO, conditional discharge, guardianship) or none
 * @param disability       yes when any disability flag is set, else no
 */
public record PersonProfile(String advocacyType, String ethnicGroup, String ageBand, String gender,
                            String legalStatusGroup, String disability, String quarter, LocalDate referredOn,
                            Integer daysToFirstContact, List<Reading> readings, int forums, int forumsTakingPart,
                            int forumsViewsTaken, Map<String, Integer> outcomes, int issuesResolved,
                            int issuesAchieved, java.util.Set<String> caseIds) {

    /** One assessment reading. */
    public record Reading(String frameworkId, int version, String timepoint, LocalDate on, BigDecimal score,
                          Map<String, BigDecimal> subscales) {
    }

    /** The value of a cohort dimension for this person. */
    public String dimension(String name) {
        return switch (name) {
            case "advocacyType" -> advocacyType;
            case "ethnicGroup" -> ethnicGroup;
            case "ageBand" -> ageBand;
            case "gender" -> gender;
            case "legalStatusGroup" -> legalStatusGroup;
            case "disability" -> disability;
            case "quarter" -> quarter;
            case "month" -> referredOn == null ? "UNKNOWN"
                    : String.format("%d-%02d", referredOn.getYear(), referredOn.getMonthValue());
            default -> throw new IllegalArgumentException("unknown dimension " + name);
        };
    }

    public static final List<String> DIMENSIONS = List.of("advocacyType", "ethnicGroup", "ageBand", "gender",
            "legalStatusGroup", "disability", "quarter", "month");

    /** The same profile with only the readings of one framework version. */
    public PersonProfile withReadingsOf(int version) {
        return new PersonProfile(advocacyType, ethnicGroup, ageBand, gender, legalStatusGroup, disability, quarter,
                referredOn, daysToFirstContact, readings.stream().filter(r -> r.version() == version).toList(), forums,
                forumsTakingPart, forumsViewsTaken, outcomes, issuesResolved, issuesAchieved, caseIds);
    }

    /** Folds a timeline (events in time order) into a profile. */
    public static PersonProfile of(PersonTimeline timeline, LocalDate evaluationWithdrawnSince) {
        String advocacyType = "UNKNOWN";
        String ethnic = null;
        String ageBand = "NOT_KNOWN";
        String gender = "NOT_KNOWN";
        String legal = "NONE";
        boolean disabled = false;
        LocalDate referredOn = null;
        Integer daysToFirstContact = null;
        List<Reading> readings = new ArrayList<>();
        Map<String, BsonDocument> involvements = new LinkedHashMap<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> issues = new LinkedHashMap<>();
        java.util.Set<String> caseIds = new java.util.TreeSet<>();
        for (PersonTimeline.Entry entry : timeline.entries()) {
            BsonDocument data = entry.data();
            LocalDate on = entry.time().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (evaluationWithdrawnSince != null && !on.isBefore(evaluationWithdrawnSince)) {
                continue;
            }
            String type = entry.type();
            if (type.equals(EventCatalogue.PERSON_REGISTERED.type()) || type.equals(
                    EventCatalogue.EQUALITY_DETAILS_CORRECTED.type())) {
                BsonValue equalityValue = data.get(type.equals(EventCatalogue.PERSON_REGISTERED.type()) ? "equality"
                        : "details");
                if (equalityValue != null && equalityValue.isDocument()) {
                    BsonDocument equality = equalityValue.asDocument();
                    ethnic = text(equality, "ethnicCategory");
                    ageBand = orElse(text(equality, "ageBand"), ageBand);
                    gender = orElse(text(equality, "gender"), gender);
                    BsonValue disabilities = equality.get("disabilities");
                    disabled = disabilities != null && disabilities.isArray() && !disabilities.asArray().isEmpty();
                }
            } else if (type.equals(EventCatalogue.REFERRAL_RECEIVED.type())) {
                caseIds.add(text(data, "caseId"));
                if (referredOn == null) {
                    advocacyType = text(data, "advocacyType");
                    referredOn = LocalDate.parse(text(data, "referredOn"));
                }
            } else if (type.equals(EventCatalogue.LEGAL_STATUS_RECORDED.type())) {
                legal = legalGroup(text(data, "legalStatusCode"));
            } else if (type.equals(EventCatalogue.FIRST_CONTACT_MADE.type()) && daysToFirstContact == null) {
                daysToFirstContact = data.getNumber("daysFromReferral").intValue();
            } else if (type.equals(EventCatalogue.ASSESSMENT_COMPLETED.type())) {
                BsonValue scores = data.get("subscaleScores");
                readings.add(new Reading(text(data, "frameworkId"), data.getNumber("frameworkVersion").intValue(),
                        text(data, "timepoint"), LocalDate.parse(text(data, "completedOn")),
                        decimal(data.get("score")), subscales(scores != null && scores.isDocument()
                                ? scores.asDocument() : null)));
            } else if (type.equals(EventCatalogue.INVOLVEMENT_RECORDED.type())
                    || type.equals(EventCatalogue.INVOLVEMENT_CORRECTED.type())) {
                involvements.put(text(data, "involvementId"), data);
            } else if (type.equals(EventCatalogue.OUTCOME_RECORDED.type())
                    || type.equals(EventCatalogue.OUTCOME_REVISED.type())) {
                outcomes.put(text(data, "outcomeId"), text(data, "domain") + "/" + text(data, "perspective"));
            } else if (type.equals(EventCatalogue.OUTCOME_RETRACTED.type())) {
                outcomes.remove(text(data, "outcomeId"));
            } else if (type.equals(EventCatalogue.ISSUE_RESOLVED.type())) {
                issues.put(text(data, "issueId"), text(data, "resolution"));
            }
        }
        readings.sort(Comparator.comparing(Reading::on));
        int takingPart = 0;
        int viewsTaken = 0;
        for (BsonDocument involvement : involvements.values()) {
            if (!"NOT_INVOLVED".equals(text(involvement, "participation"))) {
                takingPart++;
            }
            String views = text(involvement, "viewsTakenIntoAccount");
            if ("YES".equals(views) || "PARTLY".equals(views)) {
                viewsTaken++;
            }
        }
        Map<String, Integer> outcomeCounts = new LinkedHashMap<>();
        outcomes.values().forEach(key -> outcomeCounts.merge(key, 1, Integer::sum));
        int achieved = (int) issues.values().stream()
                .filter(r -> r.equals("ACHIEVED") || r.equals("PARTLY_ACHIEVED")).count();
        return new PersonProfile(advocacyType, ethnicGroup(ethnic), ageBand, gender, legal, disabled ? "YES" : "NO",
                referredOn == null ? "UNKNOWN" : referredOn.getYear() + "-Q" + ((referredOn.getMonthValue() - 1) / 3 + 1),
                referredOn, daysToFirstContact, readings, involvements.size(), takingPart, viewsTaken, outcomeCounts,
                issues.size(), achieved, caseIds);
    }

    /** Weeks from referral to a reading. */
    public long weeksSinceReferral(Reading reading) {
        return referredOn == null ? 0 : ChronoUnit.WEEKS.between(referredOn, reading.on());
    }

    static String ethnicGroup(String code) {
        if (code == null || code.equals("Z") || code.equals("99")) {
            return "NOT_STATED";
        }
        return switch (code.charAt(0)) {
            case 'A', 'B', 'C' -> "WHITE";
            case 'D', 'E', 'F', 'G' -> "MIXED";
            case 'H', 'J', 'K', 'L' -> "ASIAN";
            case 'M', 'N', 'P' -> "BLACK";
            default -> "OTHER";
        };
    }

    static String legalGroup(String code) {
        return switch (code) {
            case "01" -> "INFORMAL";
            case "35", "36", "38" -> "COMMUNITY";
            default -> "DETAINED";
        };
    }

    private static Map<String, BigDecimal> subscales(BsonDocument scores) {
        Map<String, BigDecimal> subscales = new LinkedHashMap<>();
        if (scores != null) {
            scores.forEach((name, value) -> subscales.put(name, decimal(value)));
        }
        return subscales;
    }

    private static BigDecimal decimal(BsonValue value) {
        return switch (value.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(value.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
            case DECIMAL128 -> value.asDecimal128().getValue().bigDecimalValue();
            default -> new BigDecimal(Double.toString(value.asDouble().getValue()));
        };
    }

    private static String text(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        return value == null || !value.isString() ? null : value.asString().getValue();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
