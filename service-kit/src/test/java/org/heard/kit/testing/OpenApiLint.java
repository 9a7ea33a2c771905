package org.heard.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Lints a service's OpenAPI document as a generated client would need it: swagger-parser's validation (0 messages),
 * then Heard's own rules — a bearer JWT scheme applied to every call, unique operation ids, no {@code *}/{@code *} media
 * types, every error answer {@code application/problem+json} with the Problem schema, 401 and 403 documented, the
 * {@code Idempotency-Key} header on every POST, no query documented as one object, no Jackson node internals, and every
 * {@code required} name a property. The document is also written to {@code target/openapi/<name>.json} for other
 * linters (e.g. {@code npx @redocly/cli lint}).
 */
public final class OpenApiLint {

    private OpenApiLint() {
    }

    /** The parsed document and what is wrong with it (empty when nothing is). */
    public record Result(OpenAPI document, List<String> problems) {
    }

    public static Result lint(String name, String json) {
        try {
            Path out = Path.of("target", "openapi", name + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, options);
        List<String> problems = new ArrayList<>();
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(m -> problems.add("swagger-parser: " + m));
        }
        OpenAPI doc = parsed.getOpenAPI();
        if (doc == null) {
            problems.add("not an OpenAPI document");
            return new Result(null, problems);
        }
        SecurityScheme bearer = doc.getComponents() == null || doc.getComponents().getSecuritySchemes() == null ? null
                : doc.getComponents().getSecuritySchemes().get("bearer");
        if (bearer == null || bearer.getType() != SecurityScheme.Type.HTTP || !"bearer".equals(bearer.getScheme())) {
            problems.add("no HTTP bearer security scheme named bearer");
        }
        if (doc.getSecurity() == null || doc.getSecurity().stream().noneMatch(r -> r.containsKey("bearer"))) {
            problems.add("the bearer scheme is not required globally");
        }
        Set<String> operationIds = new HashSet<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            operation(where, method.name(), operation, operationIds, problems);
        }));
        if (doc.getComponents() != null && doc.getComponents().getSchemas() != null) {
            doc.getComponents().getSchemas().forEach((schemaName, schema) -> schema(schemaName, schema, problems));
        }
        return new Result(doc, problems);
    }

    private static void operation(String where, String method, Operation operation, Set<String> operationIds,
                                  List<String> problems) {
        if (operation.getOperationId() == null || !operationIds.add(operation.getOperationId())) {
            problems.add(where + ": missing or duplicate operationId " + operation.getOperationId());
        }
        if (operation.getResponses() == null
                || operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            problems.add(where + ": no success response");
            return;
        }
        if (operation.getRequestBody() != null) {
            mediaTypes(where + " request", operation.getRequestBody().getContent(), problems);
        }
        for (String required : List.of("401", "403")) {
            if (!operation.getResponses().containsKey(required)) {
                problems.add(where + ": " + required + " not documented");
            }
        }
        operation.getResponses().forEach((code, response) -> {
            mediaTypes(where + " " + code, response.getContent(), problems);
            if (code.startsWith("4") || code.startsWith("5")) {
                Content content = response.getContent();
                if (content == null || !content.containsKey("application/problem+json")
                        || content.get("application/problem+json").getSchema() == null
                        || !"#/components/schemas/Problem".equals(content.get("application/problem+json").getSchema().get$ref())) {
                    problems.add(where + " " + code + ": not application/problem+json with the Problem schema");
                }
            }
        });
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> {
                if ("query".equals(p.getIn()) && p.getSchema() != null && "object".equals(type(p.getSchema()))) {
                    problems.add(where + ": query parameter " + p.getName() + " is one object, not its parameters");
                }
            });
        }
        if ("POST".equals(method) && (operation.getParameters() == null || operation.getParameters().stream()
                .noneMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equals(p.getName())))) {
            problems.add(where + ": Idempotency-Key header not documented");
        }
    }

    private static void mediaTypes(String where, Content content, List<String> problems) {
        if (content != null && content.containsKey("*/*")) {
            problems.add(where + ": media type */*");
        }
        // generated clients type an answer by its first media type: JSON offered second is unreadable to them
        if (content != null && content.containsKey("application/json")
                && !content.keySet().iterator().next().equals("application/json")) {
            problems.add(where + ": application/json offered, but not first");
        }
    }

    @SuppressWarnings("rawtypes")
    private static void schema(String name, Schema schema, List<String> problems) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            for (String internal : List.of("nodeType", "containerNode", "valueNode", "missingNode")) {
                if (properties.containsKey(internal)) {
                    problems.add("schema " + name + ": Jackson node internals (" + internal + ")");
                }
            }
        }
        if (schema.getRequired() != null) {
            for (Object required : schema.getRequired()) {
                if (properties == null || !properties.containsKey(required.toString())) {
                    problems.add("schema " + name + ": required " + required + " is not a property");
                }
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static String type(Schema schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null || schema.getTypes().isEmpty() ? null : schema.getTypes().iterator().next().toString();
    }
}
