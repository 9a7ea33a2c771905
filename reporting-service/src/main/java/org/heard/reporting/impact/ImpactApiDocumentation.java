package org.heard.reporting.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.heard.reporting.cohort.PersonProfile;
import org.heard.reporting.uptake.QualifiedPerson;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;

/**
 * The impact endpoints read their query as one map (the dimensions are data, not method parameters); the OpenAPI
 * document lists every parameter they accept instead of one object called {@code parameters}, from the same lists the
 * endpoints check ({@link PersonProfile#DIMENSIONS}, {@link ImpactController#REFERRAL_DIMENSIONS}).
 */
@Configuration(proxyBeanMethods = false)
public class ImpactApiDocumentation {

    @Bean
    OperationCustomizer impactQueryParameters() {
        return (operation, handler) -> {
            if ((handler.getBeanType() != ImpactController.class && handler.getBeanType() != UptakeController.class)
                    || operation.getParameters() == null
                    || operation.getParameters().stream().noneMatch(p -> "parameters".equals(p.getName()))) {
                return operation;
            }
            String method = handler.getMethod().getName();
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            if (handler.getBeanType() == UptakeController.class) {
                parameters.put("groupBy", query("groupBy", "Dimensions to group by, comma separated: "
                        + String.join(", ", QualifiedPerson.DIMENSIONS), new StringSchema()));
                parameters.put("qualifiedFrom", query("qualifiedFrom",
                        "People whose qualifying episode began on or after this date (London)",
                        new StringSchema().format("date")));
                parameters.put("qualifiedTo", query("qualifiedTo",
                        "People whose qualifying episode began on or before this date (London)",
                        new StringSchema().format("date")));
                for (String dimension : QualifiedPerson.DIMENSIONS) {
                    parameters.put(dimension, query(dimension, "Only people whose " + UPTAKE_DIMENSIONS.get(dimension)
                            + " is this", new StringSchema()));
                }
                operation.setSummary("Uptake of IMHA against the people who qualified");
                operation.setDescription("Of the people NHS trusts' feeds showed to be qualifying patients for IMHA"
                        + " (qualifying episodes that began in the period, not cancelled in error), how many have an"
                        + " IMHA case, how many opted out or declined, and the first-contact clock of their automatic"
                        + " referrals. A person counts once, in the groups of their earliest qualifying episode of the"
                        + " period; records a trust merged are one person. Consent to evaluation does not apply. Every"
                        + " figure passes the disclosure rule (\"*\" where withheld, other counts rounded) and, when"
                        + " grouped, the margin audit; figures are as things stand. JSON, or CSV with Accept: text/csv.");
            } else if (method.startsWith("referrals")) {
                parameters.put("groupBy", query("groupBy", "Dimensions to group by, comma separated: "
                        + String.join(", ", ImpactController.REFERRAL_DIMENSIONS), new StringSchema()));
                for (String dimension : ImpactController.REFERRAL_DIMENSIONS) {
                    parameters.put(dimension, query(dimension, "Only referrals with this " + dimension,
                            new StringSchema()));
                }
            } else {
                parameters.put("framework", query("framework", "Framework id (default "
                        + CohortQuery.DEFAULT_FRAMEWORK + ")", new StringSchema()._default(CohortQuery.DEFAULT_FRAMEWORK)));
                parameters.put("frameworkVersion", query("frameworkVersion", method.startsWith("series")
                        ? "Framework version (required)" : "Only readings of this framework version",
                        new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
                if (method.startsWith("series")) {
                    parameters.get("frameworkVersion").required(true);
                    parameters.put("axis", query("axis", "TIMEPOINT (default) or WEEKS_SINCE_REFERRAL",
                            new StringSchema()));
                    parameters.put("bands", query("bands", "First week of each band for axis=WEEKS_SINCE_REFERRAL,"
                            + " comma separated (default 0,4,13,26,52)", new StringSchema()));
                }
                parameters.put("asOf", query("asOf", "The figures as they stood at the end of this day (event time)",
                        new StringSchema().format("date")));
                parameters.put("groupBy", query("groupBy", "Dimensions to group by, comma separated: "
                        + String.join(", ", PersonProfile.DIMENSIONS), new StringSchema()));
                parameters.put("referredFrom", query("referredFrom", "People first referred on or after this date",
                        new StringSchema().format("date")));
                parameters.put("referredTo", query("referredTo", "… and on or before this date",
                        new StringSchema().format("date")));
                for (String dimension : PersonProfile.DIMENSIONS) {
                    parameters.put(dimension, query(dimension, "Only people with this " + dimension,
                            new StringSchema()));
                }
            }
            List<Parameter> kept = new ArrayList<>(operation.getParameters().stream()
                    .filter(p -> !"parameters".equals(p.getName())).toList());
            kept.addAll(parameters.values());
            operation.setParameters(kept);
            return operation;
        };
    }

    /**
     * springdoc merges the JSON and the CSV handler of one path into one operation, each bringing the same listed
     * parameters: keep one of each (by name and place).
     */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer impactParametersOnce() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    Map<String, Parameter> once = new LinkedHashMap<>();
                    operation.getParameters().forEach(p -> once.putIfAbsent(p.getIn() + ":" + p.getName(), p));
                    operation.setParameters(new ArrayList<>(once.values()));
                }
            }));
        };
    }

    /** What each dimension of the uptake view is a value of, for the parameters' descriptions. */
    private static final Map<String, String> UPTAKE_DIMENSIONS = Map.of("ethnicGroup",
            "ethnic group (from the NHS ethnic category: WHITE, MIXED, ASIAN, BLACK, OTHER, NOT_STATED)", "ageBand",
            "age band", "gender", "gender", "legalStatusGroup",
            "legal status group at their first qualifying episode (DETAINED, COMMUNITY, INFORMAL, NOT_KNOWN)",
            "legalStatus", "legal status at their first qualifying episode, as code system and code (e.g. ENGLAND-03)",
            "organisation", "trust (ODS code) of their first qualifying episode", "site",
            "hospital site of their first qualifying episode", "ward", "ward of their first qualifying episode",
            "month", "month (YYYY-MM, London) their first qualifying episode of the period began");

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new QueryParameter().name(name).required(false).description(description).schema(schema);
    }
}
