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
                parameters.put("qualifiedTo", query("qualifiedTo", "… and on or before this date",
                        new StringSchema().format("date")));
                for (String dimension : QualifiedPerson.DIMENSIONS) {
                    parameters.put(dimension, query(dimension, "Only people with this " + dimension,
                            new StringSchema()));
                }
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

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new QueryParameter().name(name).required(false).description(description).schema(schema);
    }
}
