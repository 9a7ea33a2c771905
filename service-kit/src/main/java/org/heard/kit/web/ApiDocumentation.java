package org.heard.kit.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.heard.kit.idempotency.IdempotencyFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Makes every service's OpenAPI document ({@code /v3/api-docs}) true of what the service does, in one place rather than
 * in annotations on each endpoint: the bearer-JWT security scheme; the success status each handler really answers
 * (read from its own code: {@code ResponseEntity.created(..)} is 201, {@code noContent()} 204, or its
 * {@code @ResponseStatus}); the RFC 9457 {@code application/problem+json} answers with their schema; JSON instead of
 * {@code *}/{@code *} media types; the optional {@code Idempotency-Key} header of every POST; Jackson trees as free-form
 * objects; and schema names that stay distinct when two endpoints each have a nested {@code Row}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDocumentation {

    /** The name of the security scheme in the document. */
    public static final String BEARER = "bearer";
    /** The name of the problem schema in the document. */
    public static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String REF = "#/components/schemas/";

    static {
        // Jackson trees (free JSON, e.g. an item's free answers) are any JSON object, not Jackson's node internals
        SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema())
                .replaceWithSchema(tools.jackson.databind.node.ObjectNode.class, new ObjectSchema());
    }

    @Bean
    public OpenApiCustomizer heardOpenApi(@Value("${spring.application.name:heard}") String service) {
        return openApi -> {
            distinctSchemaNames(openApi);
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getInfo().title("Heard " + service).version("v1").description(
                    "Every call needs a bearer token (JWT, RS256) whose `roles` claim names the caller's role. Errors"
                            + " are RFC 9457 problem details (`application/problem+json`).");
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("A JWT from the identity provider (locally: `./heard token <role>`)."));
            openApi.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER))));
            openApi.getComponents().addSchemas("FieldProblem", new ObjectSchema()
                    .addProperty("field", new StringSchema().description("The field (or parameter) at fault"))
                    .addProperty("message", new StringSchema().description("The rule it breaks; never its value"))
                    .required(List.of("field", "message")));
            openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                    .description("RFC 9457 problem details")
                    .addProperty("type", new StringSchema().format("uri-reference"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri-reference"))
                    .addProperty("rule", new StringSchema().description("The domain rule broken (409 answers)"))
                    .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(REF + "FieldProblem"))
                            .description("Each field that failed validation (400 answers)"))
                    .required(List.of("title", "status")));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    problems(path, method, operation)));
        };
    }

    /** The success status from the handler's code, and the Idempotency-Key header of every POST. */
    @Bean
    public OperationCustomizer heardOperations() {
        return (operation, handler) -> {
            Set<Integer> statuses = successStatuses(handler);
            ApiResponses responses = operation.getResponses();
            ApiResponse ok = responses == null ? null : responses.get("200");
            if (ok != null && !statuses.isEmpty() && !statuses.contains(200)) {
                responses.remove("200");
                for (int status : statuses) {
                    ApiResponse answer = new ApiResponse().description(HttpStatus.valueOf(status).getReasonPhrase());
                    if (status != 204 && !returnsNoBody(handler)) {
                        answer.content(ok.getContent());
                    }
                    if (status == 201) {
                        answer.addHeaderObject("Location", new io.swagger.v3.oas.models.headers.Header()
                                .description("Where the created resource is").schema(new StringSchema()));
                    }
                    responses.addApiResponse(Integer.toString(status), answer);
                }
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                operation.setSummary(sentence(handler.getMethod().getName()));
            }
            boolean post = AnnotatedElementUtils.hasAnnotation(handler.getMethod(),
                    org.springframework.web.bind.annotation.PostMapping.class);
            if (post) {
                operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                        .description("Optional: retries with the same key (per caller) get the first answer again"
                                + " instead of doing the work twice.")
                        .schema(new StringSchema().minLength(1).maxLength(200)));
            }
            return operation;
        };
    }

    /**
     * A record's {@code @AssertTrue boolean isNhsNumber()} check is a validation rule, not a property: without this
     * the document called {@code nhsNumber} a boolean. Such a property is described by its record component's type.
     */
    @Bean
    public io.swagger.v3.core.converter.ModelConverter checksAreNotProperties() {
        return (type, context, chain) -> {
            Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
            if (schema == null || raw == null || !raw.isRecord()) {
                return schema;
            }
            Schema<?> model = schema.get$ref() == null ? schema
                    : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
            if (model == null || model.getProperties() == null) {
                return schema;
            }
            for (java.lang.reflect.RecordComponent component : raw.getRecordComponents()) {
                String name = component.getName();
                Method check = ClassUtils.getMethodIfAvailable(raw,
                        "is" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
                boolean isCheck = check != null && (check.isAnnotationPresent(jakarta.validation.constraints.AssertTrue.class)
                        || check.isAnnotationPresent(jakarta.validation.constraints.AssertFalse.class));
                if (isCheck && component.getType() != boolean.class && component.getType() != Boolean.class
                        && model.getProperties().containsKey(name)) {
                    model.getProperties().put(name, context.resolve(
                            new io.swagger.v3.core.converter.AnnotatedType(component.getGenericType())));
                }
            }
            return schema;
        };
    }

    /** {@code receiveReferral} to "Receive referral": the handler's name, which says what the call does. */
    static String sentence(String methodName) {
        String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The problem answers an operation can give, each {@code application/problem+json} with the Problem schema. */
    private static void problems(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                // whatever an exception handler returns (ProblemDetail), the wire shape is the Problem schema
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref(REF + PROBLEM))));
            } else if (response.getContent() != null) {
                if (response.getContent().containsKey("*/*")) {
                    response.getContent().addMediaType("application/json", response.getContent().remove("*/*"));
                }
                response.setContent(jsonFirst(response.getContent()));
            }
        });
        Map<String, String> answers = new LinkedHashMap<>();
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            answers.put("400", "Invalid input: each field at fault is named in `errors`, its value never echoed");
        }
        answers.put("401", "No valid bearer token");
        answers.put("403", "The caller's role (or relation to the record) does not permit this");
        if (path.contains("{")) {
            answers.put("404", "No such resource");
        }
        if (method != PathItem.HttpMethod.GET) {
            answers.put("409", "A rule of the domain forbids it now (`rule` names it)");
        }
        answers.put("500", "An unexpected failure (nothing half-written)");
        answers.forEach((code, description) -> {
            ApiResponse existing = responses.get(code);
            Content content = new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref(REF + PROBLEM)));
            if (existing == null) {
                responses.addApiResponse(code, new ApiResponse().description(description).content(content));
            } else {
                existing.setContent(content);
                if (existing.getDescription() == null || existing.getDescription().isBlank()) {
                    existing.setDescription(description);
                }
            }
        });
    }

    /**
     * An endpoint that answers JSON or CSV on one path is one operation with two media types: JSON first, since
     * generated clients (openapi-generator) type the answer by the first one, and a client typed {@code String}
     * cannot read the JSON it asks for.
     */
    static Content jsonFirst(Content content) {
        if (!content.containsKey("application/json") || content.keySet().iterator().next().equals("application/json")) {
            return content;
        }
        Content ordered = new Content().addMediaType("application/json", content.get("application/json"));
        content.forEach((type, media) -> {
            if (!type.equals("application/json")) {
                ordered.addMediaType(type, media);
            }
        });
        return ordered;
    }

    private static boolean returnsNoBody(HandlerMethod handler) {
        java.lang.reflect.Type type = handler.getMethod().getGenericReturnType();
        return type == void.class || type.getTypeName().equals("org.springframework.http.ResponseEntity<java.lang.Void>");
    }

    /**
     * The statuses a handler answers with on success: its {@code @ResponseStatus}, or what its code (and the lambdas
     * in it) builds with {@code ResponseEntity}: created 201, noContent 204, accepted 202, ok 200, status(n) n.
     */
    static Set<Integer> successStatuses(HandlerMethod handler) {
        Method method = handler.getMethod();
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(method, ResponseStatus.class);
        if (declared != null) {
            return Set.of(declared.code().value());
        }
        Class<?> type = ClassUtils.getUserClass(method.getDeclaringClass());
        Set<Integer> statuses = new LinkedHashSet<>();
        try {
            scan(type, method.getName(), Type.getMethodDescriptor(method), statuses, new java.util.HashSet<>());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return statuses;
    }

    private static void scan(Class<?> type, String name, String descriptor, Set<Integer> statuses, Set<String> seen)
            throws IOException {
        if (!seen.add(name + descriptor)) {
            return;
        }
        List<String[]> lambdas = new ArrayList<>();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String methodName, String methodDescriptor,
                                                 String signature, String[] exceptions) {
                    if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        private Integer lastInt;
                        private String lastStatusField;

                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            lastInt = operand;
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            lastInt = value instanceof Integer i ? i : null;
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                            lastStatusField = owner.equals("org/springframework/http/HttpStatus") ? field : null;
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor,
                                                    boolean isInterface) {
                            if (owner.equals("org/springframework/http/ResponseEntity")) {
                                switch (called) {
                                    case "created" -> statuses.add(201);
                                    case "noContent" -> statuses.add(204);
                                    case "accepted" -> statuses.add(202);
                                    case "ok" -> statuses.add(200);
                                    case "status" -> {
                                        if (calledDescriptor.startsWith("(I)") && lastInt != null) {
                                            statuses.add(lastInt);
                                        } else if (lastStatusField != null) {
                                            statuses.add(HttpStatus.valueOf(lastStatusField).value());
                                        }
                                    }
                                    default -> { }
                                }
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
                                                           Object... arguments) {
                            for (Object argument : arguments) {
                                if (argument instanceof Handle target
                                        && target.getOwner().equals(type.getName().replace('.', '/'))) {
                                    lambdas.add(new String[] {target.getName(), target.getDesc()});
                                }
                            }
                        }

                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
                                lastInt = opcode - Opcodes.ICONST_0;
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        for (String[] lambda : lambdas) {
            scan(type, lambda[0], lambda[1], statuses, seen);
        }
    }

    private static final Pattern SCHEMA_REF = Pattern.compile("\"" + Pattern.quote(REF) + "([^\"]+)\"");

    /**
     * Schema names are the types' full names while the document is built ({@code springdoc.use-fqn}), so that two
     * nested {@code Row} types are two schemas; here each becomes its simple name where that is unique, else its
     * enclosing type's name and its own ({@code CohortImpactRow}, {@code CohortCountsRow}).
     */
    private static void distinctSchemaNames(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, String> renamed = new HashMap<>();
        Map<String, Integer> simpleNames = new HashMap<>();
        for (String name : openApi.getComponents().getSchemas().keySet()) {
            simpleNames.merge(simple(name), 1, Integer::sum);
        }
        for (String name : openApi.getComponents().getSchemas().keySet()) {
            String simple = simple(name);
            String nicer = simpleNames.get(simple) == 1 ? simple : nested(name);
            if (!nicer.equals(name)) {
                renamed.put(name, nicer);
            }
        }
        if (renamed.isEmpty()) {
            return;
        }
        com.fasterxml.jackson.databind.ObjectMapper mapper =
                openApi.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
        try {
            String json = mapper.writeValueAsString(openApi);
            Matcher refs = SCHEMA_REF.matcher(json);
            StringBuilder rewritten = new StringBuilder();
            while (refs.find()) {
                String target = renamed.getOrDefault(refs.group(1), refs.group(1));
                refs.appendReplacement(rewritten, Matcher.quoteReplacement("\"" + REF + target + "\""));
            }
            refs.appendTail(rewritten);
            OpenAPI copy = mapper.readValue(rewritten.toString(), OpenAPI.class);
            Map<String, Schema> schemas = new TreeMap<>();
            copy.getComponents().getSchemas().forEach((name, schema) -> schemas.put(renamed.getOrDefault(name, name), schema));
            copy.getComponents().setSchemas(new LinkedHashMap<>(schemas));
            openApi.setPaths(copy.getPaths());
            openApi.setComponents(copy.getComponents());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not rename the document's schemas", e);
        }
    }

    /** {@code org.heard.x.Outer$Inner} or {@code org.heard.x.Outer.Inner} to {@code Inner}. */
    private static String simple(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.substring(last.lastIndexOf('$') + 1);
    }

    /** {@code org.heard.x.Outer$Inner} to {@code OuterInner}. */
    private static String nested(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.contains("$")) {
            return last.replace("$", "");
        }
        // "org.heard.x.Outer.Inner": the enclosing type is the segment before, when it starts with a capital
        String rest = name.substring(0, name.lastIndexOf('.'));
        String outer = rest.substring(rest.lastIndexOf('.') + 1);
        return Character.isUpperCase(outer.charAt(0)) ? outer + last : last;
    }
}
