package org.heard.deploy.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.heard.contracts.Topic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every manifest under deploy/k8s and deploy/compose without a cluster (none can be reached from the build):
 * built-in kinds must parse into fabric8's typed models with no field the model does not know; the operators'
 * resources must carry what Heard relies on; and both must agree with the services' application.properties, the
 * event contracts' {@link Topic} catalogue and the rules and dashboards under deploy/observability.
 */
class ClusterManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path OBSERVABILITY = ROOT.resolve("deploy/observability");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The built-in kinds Heard ships, by apiVersion/kind, and their typed models. */
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    /** The operators' kinds, checked field by field below. */
    private static final Set<String> CUSTOM = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic", "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database",
            "mongodbcommunity.mongodb.com/v1/MongoDBCommunity", "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule", "kustomize.config.k8s.io/v1beta1/Kustomization");

    /**
     * Variables read through Spring's relaxed binding of {@code heard.kafka.*} (PublishingProperties), not through a
     * placeholder: README "Ports and configuration" documents them.
     */
    private static final Set<String> RELAXED = Set.of("HEARD_KAFKA_CREATE_TOPICS");

    private static final List<String> MODULES =
            List.of("case-service", "outcome-service", "reporting-service", "trust-gateway");

    private static final Map<Path, List<JsonNode>> documents = new LinkedHashMap<>();
    private static final List<HasMetadata> typed = new ArrayList<>();
    private static final Map<String, Set<String>> readByModule = new HashMap<>();
    private static final Map<String, Integer> portOfModule = new HashMap<>();
    /** Per module, the variables it reads whose default is an address on localhost. */
    private static final Map<String, Set<String>> localhostDefaults = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(K8S), Files.walk(ROOT.resolve("deploy/compose")))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    List<JsonNode> docs = YAML.readValues(parser, JsonNode.class).readAll().stream()
                            .filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
                    documents.put(file, docs);
                }
            }
        }
        Pattern placeholder = Pattern.compile("\\$\\{(HEARD_[A-Z0-9_]+)");
        Pattern localhostDefault = Pattern.compile("\\$\\{(HEARD_[A-Z0-9_]+):(?:[a-z0-9:]*//)?localhost[:/]");
        Pattern port = Pattern.compile("(?m)^server\\.port=\\$\\{HEARD_[A-Z_]+:(\\d+)}");
        for (String module : MODULES) {
            String properties = Files.readString(ROOT.resolve(module + "/src/main/resources/application.properties"));
            Set<String> names = new TreeSet<>(RELAXED);
            Matcher m = placeholder.matcher(properties);
            while (m.find()) {
                names.add(m.group(1));
            }
            readByModule.put(module, names);
            Set<String> local = new TreeSet<>();
            Matcher d = localhostDefault.matcher(properties);
            while (d.find()) {
                local.add(d.group(1));
            }
            localhostDefaults.put(module, local);
            Matcher p = port.matcher(properties);
            assertThat(p.find()).as("server.port of %s", module).isTrue();
            portOfModule.put(module, Integer.parseInt(p.group(1)));
            assertThat(properties).as("%s exposes the probe health groups", module)
                    .contains("management.endpoint.health.probes.enabled=true");
        }
    }

    private static List<JsonNode> k8s() {
        return documents.entrySet().stream().filter(e -> e.getKey().startsWith(K8S))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static List<JsonNode> base(String kind) {
        return documents.entrySet().stream().filter(e -> e.getKey().startsWith(BASE))
                .flatMap(e -> e.getValue().stream()).filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static String kindKey(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    private static <T> List<T> baseTyped(Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        for (JsonNode doc : base(type.getSimpleName())) {
            out.add(YAML.treeToValue(doc, type));
        }
        return out;
    }

    @Test
    void everyKubernetesDocumentIsAKnownKindAndBuiltInKindsParseIntoTypedModelsWithNoUnknownField() throws Exception {
        assertThat(k8s()).hasSizeGreaterThan(20);
        for (var entry : documents.entrySet()) {
            if (!entry.getKey().startsWith(K8S)) {
                continue;
            }
            for (JsonNode doc : entry.getValue()) {
                String key = kindKey(doc);
                boolean patch = entry.getKey().startsWith(K8S.resolve("overlays"))
                        && !entry.getKey().endsWith("kustomization.yaml") && !key.equals("v1/Namespace");
                assertThat(TYPED.containsKey(key) || CUSTOM.contains(key))
                        .as("%s in %s is a kind Heard knows", key, entry.getKey()).isTrue();
                assertThat(doc.path("metadata").path("name").asText().isEmpty() && !key.endsWith("Kustomization"))
                        .as("%s in %s has a name", key, entry.getKey()).isFalse();
                if (TYPED.containsKey(key) && !patch) {
                    HasMetadata resource = YAML.treeToValue(doc, TYPED.get(key));
                    assertNoUnknownFields(resource,
                            entry.getKey() + " " + key + " " + resource.getMetadata().getName());
                    typed.add(resource);
                }
            }
        }
        assertThat(typed).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy", "ConfigMap");
    }

    /** fabric8 keeps fields its model does not know in additionalProperties: a misspelt field lands there. */
    private static void assertNoUnknownFields(Object value, String where) throws Exception {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                assertNoUnknownFields(item, where);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                assertNoUnknownFields(item, where);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) field).as("fields unknown to %s in %s", value.getClass().getSimpleName(), where)
                        .isNullOrEmpty();
            } else {
                assertNoUnknownFields(field, where);
            }
        }
    }

    @Test
    void deploymentsSetOnlyVariablesTheServicesReadAndProbeTheHealthGroups() throws IOException {
        Map<String, String> config = baseTyped(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("heard-config")).findFirst().orElseThrow().getData();
        List<Deployment> deployments = baseTyped(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(MODULES);
        for (Deployment deployment : deployments) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            String module = container.getName();
            assertThat(readByModule).as("container %s is a Heard service", module).containsKey(module);
            for (EnvVar env : container.getEnv()) {
                assertThat(readByModule.get(module)).as("%s sets %s", module, env.getName()).contains(env.getName());
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("heard-config");
                    assertThat(config).as("heard-config holds %s", env.getName())
                            .containsKey(env.getValueFrom().getConfigMapKeyRef().getKey());
                }
            }
            int port = portOfModule.get(module);
            assertThat(container.getPorts()).as("%s listens on its server.port", module)
                    .anyMatch(p -> p.getName().equals("http") && p.getContainerPort() == port);
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness", module);
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness", module);
            assertThat(container.getResources().getRequests()).as("%s requests", module).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as("%s limits", module).containsKey("memory");
        }
    }

    private static void assertProbe(Probe probe, String path, String module) {
        assertThat(probe).as("%s probe %s", module, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s probe", module).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as("%s probe port", module).isEqualTo("http");
    }

    @Test
    void composeSetsOnlyVariablesTheServicesReadAndChecksReadiness() {
        JsonNode compose = documents.get(ROOT.resolve("deploy/compose/compose.yaml")).get(0);
        JsonNode common = compose.path("x-kafka-and-jwt");
        for (String module : MODULES) {
            JsonNode service = compose.path("services").path(module);
            assertThat(service.isMissingNode()).as("compose runs %s", module).isFalse();
            Set<String> names = new TreeSet<>();
            service.path("environment").fieldNames().forEachRemaining(names::add);
            common.fieldNames().forEachRemaining(names::add);
            names.remove("<<");
            assertThat(readByModule.get(module)).as("compose variables of %s", module).containsAll(names);
            assertThat(service.path("healthcheck").path("test").toString()).as("compose healthcheck of %s", module)
                    .contains("localhost:" + portOfModule.get(module) + "/actuator/health/readiness");
            assertThat(service.path("build").path("args").path("MODULE").asText()).isEqualTo(module);
        }
        assertThat(compose.path("services").path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(compose.path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void topicsAreTheEventContractsTopicsWithOnePartitionCountUnlimitedRetentionAndThreeReplicas() throws IOException {
        List<JsonNode> topics = base("KafkaTopic");
        JsonNode kafka = base("Kafka").get(0);
        String cluster = kafka.path("metadata").path("name").asText();
        assertThat(topics).extracting(t -> t.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(Stream.of(Topic.values()).map(Topic::topicName).toList());
        String partitions = baseTyped(ConfigMap.class).get(0).getData().get("HEARD_KAFKA_PARTITIONS");
        for (JsonNode topic : topics) {
            String name = topic.path("metadata").path("name").asText();
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
            assertThat(topic.path("spec").path("partitions").asText()).as("partitions of %s", name)
                    .isEqualTo(partitions);
            assertThat(topic.path("spec").path("replicas").asInt()).as("replicas of %s", name).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(topic.path("spec").path("config").path("retention.ms").asLong())
                    .as("retention of %s (rebuilds read from the start)", name).isEqualTo(-1L);
        }
        // the publishers are idempotent with acks=all: a write is safe once min.insync.replicas of 3 have it
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText())
                .isEqualTo("enabled");
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();
        JsonNode pool = base("KafkaNodePool").get(0);
        assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(cluster);
        assertThat(pool.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(pool.path("spec").path("roles").toString()).contains("controller", "broker");
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        String bootstrap = cluster + "-kafka-bootstrap:" + listener.path("port").asInt();
        assertThat(baseTyped(ConfigMap.class).get(0).getData().get("HEARD_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(bootstrap);
        String peerLabel = listener.path("networkPolicyPeers").get(0).path("podSelector").path("matchLabels")
                .fieldNames().next();
        for (Deployment deployment : baseTyped(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .as("%s may reach Kafka", deployment.getMetadata().getName()).containsEntry(peerLabel, "true");
        }
    }

    @Test
    void postgresHoldsTheFourDatabasesTheServicesConnectTo() throws IOException {
        JsonNode cluster = base("Cluster").get(0);
        String name = cluster.path("metadata").path("name").asText();
        assertThat(cluster.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(3);
        Set<String> databases = new TreeSet<>();
        databases.add(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
        for (JsonNode database : base("Database")) {
            assertThat(database.path("spec").path("cluster").path("name").asText()).isEqualTo(name);
            databases.add(database.path("spec").path("name").asText());
        }
        assertThat(databases).containsExactlyInAnyOrder("heard_case", "heard_outcome", "heard_keys", "heard_gateway");
        Map<String, String> config = baseTyped(ConfigMap.class).get(0).getData();
        for (String variable : List.of("HEARD_CASE_DB_URL", "HEARD_OUTCOME_DB_URL", "HEARD_KEY_STORE_URL",
                "HEARD_GATEWAY_DB_URL")) {
            String url = config.get(variable);
            assertThat(url).as(variable).startsWith("jdbc:postgresql://" + name + "-rw:5432/");
            assertThat(databases).as(variable).contains(url.substring(url.lastIndexOf('/') + 1));
        }
        for (Deployment deployment : baseTyped(Deployment.class)) {
            for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (env.getName().startsWith("HEARD_POSTGRES_")) {
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(name + "-app");
                }
            }
        }
    }

    @Test
    void mongodbIsAReplicaSetWhoseUserReportingServiceConnectsAs() throws IOException {
        JsonNode mongo = base("MongoDBCommunity").get(0);
        assertThat(mongo.path("spec").path("type").asText()).isEqualTo("ReplicaSet");
        assertThat(mongo.path("spec").path("members").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode user = mongo.path("spec").path("users").get(0);
        String database = baseTyped(ConfigMap.class).get(0).getData().get("HEARD_MONGO_DATABASE");
        assertThat(user.path("roles").toString()).contains("\"readWrite\"", "\"" + database + "\"");
        String secret = mongo.path("metadata").path("name").asText() + "-" + user.path("db").asText() + "-"
                + user.path("name").asText();
        Deployment reporting = baseTyped(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("reporting-service")).findFirst().orElseThrow();
        EnvVar uri = reporting.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("HEARD_MONGO_URI")).findFirst().orElseThrow();
        assertThat(uri.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
    }

    @Test
    void everyServiceIsScrapedWithAJobTheRulesKnowAndHasADisruptionBudgetWhenScaledOut() throws IOException {
        List<Service> services = baseTyped(Service.class);
        List<JsonNode> monitors = base("ServiceMonitor");
        assertThat(monitors).hasSize(MODULES.size());
        for (JsonNode monitor : monitors) {
            Map<String, String> selector = YAML.convertValue(monitor.path("spec").path("selector").path("matchLabels"),
                    YAML.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            Service service = services.stream()
                    .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError("no Service for " + monitor));
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
            assertThat(service.getSpec().getPorts()).anyMatch(p -> p.getName().equals(endpoint.path("port").asText()));
            assertThat(endpoint.path("authorization").path("credentials").path("name").asText())
                    .as("/actuator/prometheus needs an operations token").isNotEmpty();
            String jobLabel = monitor.path("spec").path("jobLabel").asText();
            assertThat(service.getMetadata().getLabels().get(jobLabel)).as("job of %s", service.getMetadata().getName())
                    .matches("heard-[a-z]+");
        }
        List<PodDisruptionBudget> budgets = baseTyped(PodDisruptionBudget.class);
        for (Deployment deployment : baseTyped(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean budgeted = budgets.stream().anyMatch(b ->
                    labels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()));
            assertThat(budgeted || deployment.getSpec().getReplicas() < 2)
                    .as("%s has a PodDisruptionBudget", deployment.getMetadata().getName()).isTrue();
        }
    }

    @Test
    void networkPoliciesDenyByDefaultAndLetEveryServiceBeReached() throws IOException {
        List<NetworkPolicy> policies = baseTyped(NetworkPolicy.class);
        assertThat(policies.stream().filter(p -> empty(p.getSpec().getPodSelector().getMatchLabels())
                && empty(p.getSpec().getPodSelector().getMatchExpressions()) && empty(p.getSpec().getIngress())
                && p.getSpec().getPolicyTypes().contains("Ingress")).map(p -> p.getMetadata().getName()))
                .as("a policy that denies ingress to every pod").isNotEmpty();
        for (Deployment deployment : baseTyped(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            boolean admitted = policies.stream().filter(p -> p.getSpec().getIngress() != null).anyMatch(p -> {
                var selector = p.getSpec().getPodSelector();
                return (!empty(selector.getMatchLabels()) && name.equals(selector.getMatchLabels()
                        .get("app.kubernetes.io/name")))
                        || (!empty(selector.getMatchExpressions()) && selector.getMatchExpressions().stream()
                        .anyMatch(e -> e.getKey().equals("app.kubernetes.io/name") && e.getValues().contains(name)));
            });
            assertThat(admitted).as("some policy lets traffic reach %s", name).isTrue();
        }
        // a port a policy opens on a Heard service is one its container listens on
        Map<String, Set<String>> ports = new HashMap<>();
        for (Deployment deployment : baseTyped(Deployment.class)) {
            Set<String> open = new HashSet<>();
            deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().forEach(p -> {
                open.add(p.getName());
                open.add(String.valueOf(p.getContainerPort()));
            });
            ports.put(deployment.getMetadata().getName(), open);
        }
        for (NetworkPolicy policy : policies) {
            var selector = policy.getSpec().getPodSelector();
            Set<String> selected = new TreeSet<>();
            if (!empty(selector.getMatchLabels()) && ports.containsKey(selector.getMatchLabels()
                    .get("app.kubernetes.io/name"))) {
                selected.add(selector.getMatchLabels().get("app.kubernetes.io/name"));
            }
            selector.getMatchExpressions().forEach(e -> selected.addAll(e.getValues()));
            for (String name : selected) {
                policy.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(port ->
                        assertThat(ports.get(name)).as("%s opens port %s of %s", policy.getMetadata().getName(),
                                port.getPort().getValue(), name).contains(String.valueOf(port.getPort().getValue()))));
            }
        }
    }

    /**
     * A default of {@code localhost} is the container itself: every variable a service reads whose default points
     * there (its database, broker, store, the services it calls) must be set by its Deployment and its compose service.
     */
    @Test
    void everyAddressWhoseDefaultIsLocalhostIsSetInEveryDeploymentAndComposeService() throws IOException {
        JsonNode compose = documents.get(ROOT.resolve("deploy/compose/compose.yaml")).get(0);
        Set<String> common = new TreeSet<>();
        compose.path("x-kafka-and-jwt").fieldNames().forEachRemaining(common::add);
        for (String module : MODULES) {
            Set<String> local = localhostDefaults.get(module);
            assertThat(local).as("%s reads addresses with a localhost default", module).isNotEmpty();
            Set<String> deployed = new TreeSet<>();
            deployment(module).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .forEach(env -> deployed.add(env.getName()));
            assertThat(deployed).as("the Deployment of %s sets", module).containsAll(local);
            Set<String> composed = new TreeSet<>(common);
            compose.path("services").path(module).path("environment").fieldNames().forEachRemaining(composed::add);
            assertThat(composed).as("compose's %s sets", module).containsAll(local);
        }
    }

    /**
     * Every address of a Heard service in heard-config that a Deployment is given ({@code HEARD_*_URL}) names a
     * Service of the base and one of its ports, and a NetworkPolicy lets the caller's pods reach the pods behind it on
     * that port (ingress is denied by default: without one, the call times out on a cluster and nowhere else).
     */
    @Test
    void everyServiceAddressADeploymentIsGivenIsAServiceItsNetworkPoliciesLetItReach() throws IOException {
        Map<String, String> config = configMap();
        List<Service> services = baseTyped(Service.class);
        List<NetworkPolicy> policies = baseTyped(NetworkPolicy.class);
        Pattern address = Pattern.compile("https?://([a-z0-9-]+):(\\d+)(/.*)?");
        int calls = 0;
        for (Deployment caller : baseTyped(Deployment.class)) {
            String from = caller.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name");
            for (EnvVar env : caller.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (!env.getName().matches("HEARD_[A-Z]+_URL") || env.getValueFrom() == null
                        || env.getValueFrom().getConfigMapKeyRef() == null) {
                    continue;
                }
                String url = config.get(env.getValueFrom().getConfigMapKeyRef().getKey());
                Matcher m = address.matcher(String.valueOf(url));
                assertThat(m.matches()).as("%s of %s is http://<service>:<port>: %s", env.getName(), from, url).isTrue();
                Service service = services.stream().filter(s -> s.getMetadata().getName().equals(m.group(1)))
                        .findFirst().orElseThrow(() -> new AssertionError(env.getName() + " of " + from
                                + " names no Service of the base: " + url));
                int port = Integer.parseInt(m.group(2));
                var servicePort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst()
                        .orElseThrow(() -> new AssertionError(m.group(1) + " has no port " + port));
                String to = service.getSpec().getSelector().get("app.kubernetes.io/name");
                String portName = servicePort.getTargetPort().getStrVal();
                int containerPort = deployment(to).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                        .stream().filter(p -> portName.equals(p.getName())).findFirst().orElseThrow().getContainerPort();
                assertThat(policies.stream().anyMatch(p -> admits(p, to, from, portName, containerPort)))
                        .as("a NetworkPolicy lets %s reach %s on %s (%s)", from, to, containerPort, env.getName())
                        .isTrue();
                calls++;
            }
        }
        assertThat(calls).as("calls between services checked").isGreaterThanOrEqualTo(3);
    }

    private static Deployment deployment(String name) throws IOException {
        return baseTyped(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    private static Map<String, String> configMap() throws IOException {
        return baseTyped(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("heard-config"))
                .findFirst().orElseThrow().getData();
    }

    /** Whether the policy selects pods named {@code to} and lets pods named {@code from} in on this port. */
    private static boolean admits(NetworkPolicy policy, String to, String from, String portName, int port) {
        if (!selects(policy.getSpec().getPodSelector(), to) || empty(policy.getSpec().getIngress())) {
            return false;
        }
        return policy.getSpec().getIngress().stream().anyMatch(rule ->
                (empty(rule.getFrom()) || rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                        && peer.getIpBlock() == null && selects(peer.getPodSelector(), from)))
                && (empty(rule.getPorts()) || rule.getPorts().stream().anyMatch(p -> p.getPort() == null
                        || portName.equals(p.getPort().getStrVal()) || Integer.valueOf(port).equals(p.getPort()
                        .getIntVal()))));
    }

    private static boolean selects(io.fabric8.kubernetes.api.model.LabelSelector selector, String name) {
        if (selector == null) {
            return false;
        }
        boolean byLabel = !empty(selector.getMatchLabels())
                && name.equals(selector.getMatchLabels().get("app.kubernetes.io/name"));
        boolean byExpression = !empty(selector.getMatchExpressions()) && selector.getMatchExpressions().stream()
                .anyMatch(e -> e.getKey().equals("app.kubernetes.io/name") && e.getOperator().equals("In")
                        && e.getValues().contains(name));
        return byLabel || byExpression;
    }

    private static boolean empty(Object value) {
        return value == null || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    /**
     * Where kubectl is installed (it builds kustomizations offline), each overlay's rendered output must parse into
     * typed models with no unknown field, and the small overlay must have dropped its PodDisruptionBudgets.
     */
    @Test
    void overlaysRenderWithKubectlKustomize() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed: overlays not rendered");
        for (String overlay : List.of("production", "small")) {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays/" + overlay).toString())
                    .redirectErrorStream(true).start();
            String output = new String(kubectl.getInputStream().readAllBytes());
            assertThat(kubectl.waitFor()).as("kubectl kustomize %s: %s", overlay, output).isZero();
            List<JsonNode> rendered;
            try (var parser = YAML.getFactory().createParser(output)) {
                rendered = YAML.readValues(parser, JsonNode.class).readAll();
            }
            for (JsonNode doc : rendered) {
                String key = kindKey(doc);
                assertThat(TYPED.containsKey(key) || CUSTOM.contains(key)).as("%s in %s", key, overlay).isTrue();
                if (TYPED.containsKey(key)) {
                    assertNoUnknownFields(YAML.treeToValue(doc, TYPED.get(key)), overlay + " " + key);
                }
                if (!key.equals("v1/Namespace")) {
                    assertThat(doc.path("metadata").path("namespace").asText()).as("namespace of %s", key)
                            .isEqualTo(overlay.equals("small") ? "heard-small" : "heard");
                }
            }
            long budgets = rendered.stream().filter(d -> d.path("kind").asText().equals("PodDisruptionBudget")).count();
            assertThat(budgets).as("PodDisruptionBudgets in %s", overlay).isEqualTo(overlay.equals("small") ? 0 : 3);
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void thePrometheusRuleEqualsTheObservabilityRuleFiles() throws IOException {
        ArrayNode expected = YAML.createArrayNode();
        for (String file : List.of("heard-recording.rules.yml", "heard-alerts.rules.yml")) {
            expected.addAll((ArrayNode) YAML.readTree(OBSERVABILITY.resolve("prometheus/" + file).toFile())
                    .path("groups"));
        }
        JsonNode rule = base("PrometheusRule").get(0);
        assertThat(rule.path("spec").path("groups")).isEqualTo(expected);
    }

    @Test
    void everyDashboardIsAConfigMapAndEveryKustomizationReferenceExists() throws IOException {
        JsonNode dashboards = YAML.readTree(OBSERVABILITY.resolve("kustomization.yaml").toFile());
        Set<String> generated = new TreeSet<>();
        dashboards.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> generated.add(f.asText())));
        try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            assertThat(generated).containsExactlyInAnyOrderElementsOf(files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> "grafana/dashboards/" + f.getFileName()).collect(Collectors.toSet()));
        }
        assertThat(BASE.resolve("kustomization.yaml")).exists();
        Set<Path> referenced = new HashSet<>();
        List<Path> kustomizations = new ArrayList<>(documents.keySet().stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList());
        kustomizations.add(OBSERVABILITY.resolve("kustomization.yaml"));
        for (Path file : kustomizations) {
            JsonNode k = YAML.readTree(file.toFile());
            Path dir = file.getParent();
            List<String> paths = new ArrayList<>();
            k.path("resources").forEach(r -> paths.add(r.asText()));
            k.path("patches").forEach(p -> { if (p.has("path")) paths.add(p.path("path").asText()); });
            k.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> paths.add(f.asText())));
            for (String path : paths) {
                Path target = dir.resolve(path).normalize();
                assertThat(target).as("%s references %s", file, path).exists();
                if (Files.isDirectory(target)) {
                    assertThat(target.resolve("kustomization.yaml")).as("%s references %s", file, path).exists();
                }
                referenced.add(target);
            }
        }
        for (Path file : documents.keySet()) {
            if (file.startsWith(K8S) && !file.getFileName().toString().equals("kustomization.yaml")) {
                assertThat(referenced).as("%s is used by a kustomization", file).contains(file);
            }
        }
        for (String overlay : List.of("production", "small")) {
            JsonNode k = YAML.readTree(K8S.resolve("overlays/" + overlay + "/kustomization.yaml").toFile());
            assertThat(k.path("resources").toString()).contains("../../base");
            assertThat(k.path("namespace").asText()).isNotEmpty();
            Set<String> names = k8s().stream().map(d -> d.path("metadata").path("name").asText())
                    .collect(Collectors.toSet());
            k.path("replicas").forEach(r ->
                    assertThat(names).as("replicas of %s", r).contains(r.path("name").asText()));
        }
    }
}
