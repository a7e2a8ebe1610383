package io.bigpicture.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bigpicture.k8s.StageManifests.Setting;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay, rendered as kustomize would, checked for what running the apps in production needs. */
class ManifestsTest {

    /** The stages, with their AWS accounts (placeholders) and DNS domains. */
    record Stage(String name, String account, String domain) {

        String namespace() {
            return "bigpicture-" + name;
        }

        /** The queue names infra/aws's CDK app makes. */
        String queue(String queue) {
            return "bigpicture-" + name + "-" + queue;
        }

        String queueUrl(String queue) {
            return "https://sqs." + REGION + ".amazonaws.com/" + account + "/" + queue(queue);
        }

        String bucket() {
            return "bigpicture-" + name + "-data-" + account;
        }

        String role(String app) {
            return "arn:aws:iam::" + account + ":role/bigpicture-" + name + "-" + app;
        }

        String host(String app) {
            return (app.equals(INGEST_API) ? "track." : "console.") + domain;
        }

        String oidcServer() {
            return "https://id." + domain + "/realms/bigpicture";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("staging", "111111111111", "staging.bigpicture.example"),
            new Stage("production", "222222222222", "bigpicture.example"));

    private static final String REGION = "eu-west-1";
    private static final String TENANT_ADMIN = "tenant-admin";
    private static final String INGEST_API = "ingest-api";
    private static final String SCHEDULER = "scheduler";
    private static final String LOADER_WORKER = "loader-worker";
    private static final List<String> APPS = List.of(TENANT_ADMIN, INGEST_API, SCHEDULER, LOADER_WORKER);
    /** The only apps anything outside the namespace may reach, through the ingress controller. */
    private static final Set<String> PUBLIC_APPS = Set.of(INGEST_API, TENANT_ADMIN);
    private static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";

    private static final int HTTP_PORT = 8080;
    /** Health and metrics, which no Service port leads to. */
    private static final int MANAGEMENT_PORT = 9000;
    /** The user the apps' image (infra/docker/Dockerfile.jvm, on UBI OpenJDK) runs as. */
    private static final long IMAGE_USER = 185;

    /** Sizes from the benchmarks (cpu request, memory request, cpu limit, memory limit). */
    private record Sizing(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    }

    private static final Map<String, Sizing> SIZING = Map.of(
            TENANT_ADMIN, new Sizing("250m", "384Mi", "1", "512Mi"),
            INGEST_API, new Sizing("500m", "384Mi", "2", "512Mi"),
            SCHEDULER, new Sizing("100m", "256Mi", "500m", "384Mi"),
            LOADER_WORKER, new Sizing("1", "512Mi", "2", "768Mi"));

    /** The worker's peak resident memory in bench/load/run (336-374 MiB over its runs, 50 tables) with loader-worker/jvm.options. */
    private static final Quantity WORKER_PEAK_RSS = new Quantity("374Mi");
    /** ... and with 500 tables in one sync (BENCH_WIDE_PROPERTIES=1200 bench/load/run 1000000 500 30). */
    private static final Quantity WORKER_PEAK_RSS_MANY_TABLES = new Quantity("448Mi");

    private static final List<String> CATALOG_SETTINGS = List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    private static final List<String> SQS_SETTINGS = List.of("QUARKUS_SQS_AWS_REGION", "QUARKUS_SQS_AWS_CREDENTIALS_TYPE",
            "QUARKUS_SQS_ENDPOINT_OVERRIDE");
    private static final List<String> S3_SETTINGS = List.of("QUARKUS_S3_AWS_REGION", "QUARKUS_S3_AWS_CREDENTIALS_TYPE",
            "QUARKUS_S3_ENDPOINT_OVERRIDE", "QUARKUS_S3_CHUNKED_ENCODING", "QUARKUS_S3_CHECKSUM_VALIDATION", "QUARKUS_S3_PATH_STYLE_ACCESS");
    private static final List<String> KMS_SETTINGS = List.of("BIGPICTURE_SECRETS_KMS_KEY_ID", "BIGPICTURE_SECRETS_KMS_REGION");

    /**
     * What each app cannot run in a stage without: the keys without a default (its @ConfigMapping:
     * bigpicture.admin.token, bigpicture.storage.bucket, one of the secrets' keys, here KMS) and those
     * whose default suits only the local stack (application.properties and docs/configuration.md's production
     * settings: the catalog, AWS itself, the stage's queues, realm and addresses).
     */
    private static final Map<String, List<String>> REQUIRED_SETTINGS = Map.of(
            TENANT_ADMIN, concat(CATALOG_SETTINGS, S3_SETTINGS, KMS_SETTINGS, List.of("BIGPICTURE_ADMIN_TOKEN", "QUARKUS_OIDC_AUTH_SERVER_URL",
                    "QUARKUS_OIDC_CLIENT_ID", "QUARKUS_OIDC_CREDENTIALS_SECRET", "BIGPICTURE_CONSOLE_INGEST_URL",
                    "BIGPICTURE_CONSOLE_LOADER_ADDRESSES", "BIGPICTURE_WAREHOUSES_TLS_CA_BUNDLE")),
            INGEST_API, concat(CATALOG_SETTINGS, SQS_SETTINGS, List.of("BIGPICTURE_INGEST_EVENTS_QUEUE", "BIGPICTURE_INGEST_PUBLIC_URL")),
            SCHEDULER, concat(CATALOG_SETTINGS, SQS_SETTINGS, List.of("MP_MESSAGING_OUTGOING_SYNC_JOBS_QUEUE")),
            LOADER_WORKER, concat(CATALOG_SETTINGS, SQS_SETTINGS, S3_SETTINGS, KMS_SETTINGS, List.of("BIGPICTURE_STORAGE_BUCKET",
                    "MP_MESSAGING_INCOMING_EVENTS_QUEUE", "MP_MESSAGING_INCOMING_SYNC_JOBS_QUEUE",
                    "MP_MESSAGING_OUTGOING_DEAD_SYNC_JOBS_QUEUE", "BIGPICTURE_SYNC_STOP_WAIT", "BIGPICTURE_WAREHOUSES_TLS_CA_BUNDLE")));

    /** Settings that are secrets: only ever references to these Secrets' keys (infra/k8s/README.md says who makes them). */
    private static final Map<String, SecretKeySelector> SECRET_SETTINGS = Map.of(
            "BIGPICTURE_ADMIN_TOKEN", new SecretKeySelector("admin-token", "bigpicture-tenant-admin", null),
            "QUARKUS_OIDC_CREDENTIALS_SECRET", new SecretKeySelector("oidc-client-secret", "bigpicture-tenant-admin", null),
            // the catalog owner's: the migrations, which tenant-admin alone runs
            "QUARKUS_FLYWAY_PASSWORD", new SecretKeySelector("owner-password", "bigpicture-catalog", null));

    /** Each app's catalog role (core/catalog V22__app_roles.sql): the tracking API's reads write keys and sources only. */
    private static final Map<String, String> CATALOG_ROLE = Map.of(TENANT_ADMIN, "bigpicture_app", INGEST_API, "bigpicture_ingest",
            SCHEDULER, "bigpicture_app", LOADER_WORKER, "bigpicture_app");

    private static SecretKeySelector secretOf(String app, String setting) {
        if (setting.equals("QUARKUS_DATASOURCE_PASSWORD")) {
            return new SecretKeySelector(app.equals(INGEST_API) ? "ingest-password" : "app-password", "bigpicture-catalog", null);
        }
        return SECRET_SETTINGS.get(setting);
    }

    /** The settings (docs/configuration.md) that reach AWS itself rather than the local stack, wherever an app has them. */
    private static final Map<String, String> AWS_ITSELF = Map.ofEntries(
            Map.entry("QUARKUS_SQS_AWS_REGION", REGION),
            Map.entry("QUARKUS_SQS_AWS_CREDENTIALS_TYPE", "default"),
            Map.entry("QUARKUS_SQS_ENDPOINT_OVERRIDE", ""),
            Map.entry("QUARKUS_S3_AWS_REGION", REGION),
            Map.entry("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "default"),
            Map.entry("QUARKUS_S3_ENDPOINT_OVERRIDE", ""),
            Map.entry("QUARKUS_S3_CHUNKED_ENCODING", "true"),
            Map.entry("QUARKUS_S3_CHECKSUM_VALIDATION", "true"),
            Map.entry("QUARKUS_S3_PATH_STYLE_ACCESS", "false"),
            Map.entry("BIGPICTURE_SECRETS_KMS_REGION", REGION));

    private static final Pattern PINNED_IMAGE = Pattern.compile("ghcr\\.io/bigpicture/([a-z-]+)(:\\d+\\.\\d+\\.\\d+|@sha256:[0-9a-f]{64})");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");
    private static final Pattern QUARKUS_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private static final Map<String, StageManifests> RENDERED = new ConcurrentHashMap<>();

    static List<Stage> stages() {
        return STAGES;
    }

    private static StageManifests rendered(Stage stage) {
        return RENDERED.computeIfAbsent(stage.name(), StageManifests::render);
    }

    @Test
    void everyOverlayIsChecked() throws IOException {
        try (Stream<Path> overlays = Files.list(Path.of("overlays"))) {
            assertThat(overlays.map(overlay -> overlay.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(STAGES.stream().map(Stage::name).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everythingIsInTheStagesNamespaceWithTheCommonLabels(Stage stage) {
        StageManifests manifests = rendered(stage);
        Namespace namespace = manifests.get(Namespace.class, stage.namespace());
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        for (HasMetadata object : manifests.all()) {
            String what = object.getKind() + " " + object.getMetadata().getName();
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as(what).isEqualTo(stage.namespace());
            }
            assertThat(object.getMetadata().getLabels()).as(what).containsEntry("app.kubernetes.io/part-of", "bigpicture");
            // an app's own objects (Deployment, Service, Ingress...) are named after it
            if (APPS.contains(object.getMetadata().getName())) {
                assertThat(object.getMetadata().getLabels()).as(what).containsEntry("app.kubernetes.io/name", object.getMetadata().getName());
            }
        }
        for (String app : APPS) {
            assertThat(podLabels(manifests, app)).as(app).containsEntry("app.kubernetes.io/name", app)
                    .containsEntry("app.kubernetes.io/part-of", "bigpicture");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyAppHasItsServiceServiceAccountAndDisruptionBudget(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Deployment deployment = manifests.get(Deployment.class, app);
            Map<String, String> podLabels = podLabels(manifests, app);
            assertThat(selects(deployment.getSpec().getSelector(), podLabels)).as(app + " Deployment's selector").isTrue();

            Service service = manifests.get(Service.class, app);
            assertThat(podLabels).as(app + " Service's selector").containsAllEntriesOf(service.getSpec().getSelector());
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(manifests.container(app), port.getTargetPort())).as(app + " Service's target port").isPresent();
            }

            assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).as(app).isEqualTo(app);
            ServiceAccount account = manifests.get(ServiceAccount.class, app);
            assertThat(account.getMetadata().getAnnotations()).as(app + "'s IAM role")
                    .containsEntry("eks.amazonaws.com/role-arn", stage.role(app));

            PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, app);
            assertThat(selects(budget.getSpec().getSelector(), podLabels)).as(app + " PodDisruptionBudget's selector").isTrue();
            assertThat(budget.getSpec().getMaxUnavailable() != null || budget.getSpec().getMinAvailable() != null).as(app).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyAppIsProbedOnQuarkusHealthEndpoints(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Container container = manifests.container(app);
            assertThat(manifests.values(app)).as(app + " listens where the probes look").containsEntry("QUARKUS_HTTP_PORT", String.valueOf(HTTP_PORT))
                    .containsEntry("QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT));
            assertProbe(app, container, container.getStartupProbe(), "/q/health/started");
            assertProbe(app, container, container.getReadinessProbe(), "/q/health/ready");
            assertProbe(app, container, container.getLivenessProbe(), "/q/health/live");
        }
    }

    private static void assertProbe(String app, Container container, Probe probe, String path) {
        assertThat(probe).as(app + " probe " + path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(app + " probe " + path).isNotNull();
        assertThat(get.getPath()).as(app).isEqualTo(path);
        assertThat(containerPort(container, get.getPort())).as(app + " probe " + path + "'s port")
                .hasValueSatisfying(port -> assertThat(port.getContainerPort()).isEqualTo(MANAGEMENT_PORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyAppHasTheResourcesItsBenchmarksCallFor(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Map<String, Quantity> requests = manifests.container(app).getResources().getRequests();
            Map<String, Quantity> limits = manifests.container(app).getResources().getLimits();
            Sizing sizing = SIZING.get(app);
            assertSameAmount(app + " cpu request", requests.get("cpu"), sizing.cpuRequest());
            assertSameAmount(app + " memory request", requests.get("memory"), sizing.memoryRequest());
            assertSameAmount(app + " cpu limit", limits.get("cpu"), sizing.cpuLimit());
            assertSameAmount(app + " memory limit", limits.get("memory"), sizing.memoryLimit());
        }
    }

    private static void assertSameAmount(String what, Quantity actual, String expected) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.getNumericalAmount()).as(what).isEqualByComparingTo(new Quantity(expected).getNumericalAmount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyHeapFitsItsMemoryLimit(Stage stage) throws IOException {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            String javaOptions = manifests.values(app).get("JAVA_OPTS_APPEND");
            assertThat(javaOptions).as(app + " JAVA_OPTS_APPEND").isNotNull();
            if (app.equals(LOADER_WORKER)) {
                List<String> benchmarkedOptions = Files.readAllLines(Path.of("../../loader-worker/jvm.options")).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .toList();
                assertThat(javaOptions.split(" ")).as("the worker runs as benchmarked").contains(benchmarkedOptions.toArray(String[]::new));
                Map<String, Quantity> resources = manifests.container(app).getResources().getRequests();
                assertThat(resources.get("memory").getNumericalAmount()).as("the worker's memory request covers its measured peak")
                        .isGreaterThanOrEqualTo(WORKER_PEAK_RSS.getNumericalAmount());
                assertThat(manifests.container(app).getResources().getLimits().get("memory").getNumericalAmount())
                        .as("the worker's memory limit covers its peak with 500 tables in one sync")
                        .isGreaterThanOrEqualTo(WORKER_PEAK_RSS_MANY_TABLES.getNumericalAmount());
            } else {
                Matcher percentage = MAX_RAM_PERCENTAGE.matcher(javaOptions);
                assertThat(percentage.find()).as(app + " sets its heap from the memory limit").isTrue();
                assertThat(Integer.parseInt(percentage.group(1))).as(app + " leaves room for what is not heap").isBetween(25, 75);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyPodRunsRestricted(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            PodSpec pod = manifests.get(Deployment.class, app).getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(app).isTrue();
            assertThat(podSecurity.getRunAsUser()).as(app).isEqualTo(IMAGE_USER);
            assertThat(podSecurity.getSeccompProfile().getType()).as(app).isEqualTo("RuntimeDefault");
            // no app talks to the Kubernetes API: a pod taken over gets no token for it (IRSA's AWS token is mounted apart)
            assertThat(pod.getAutomountServiceAccountToken()).as(app + " mounts a Kubernetes API token").isFalse();
            assertThat(manifests.get(ServiceAccount.class, app).getAutomountServiceAccountToken()).as(app + "'s service account").isFalse();
            for (Container container : Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                String what = app + " container " + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as(what).isNotNull();
                assertThat(security.getRunAsNonRoot()).as(what).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(what).isEmpty();
                // the read-only root leaves the JVM, Vert.x and the worker's load files this to write to
                VolumeMount tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(what + " mounts nothing at /tmp"));
                Volume volume = pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(what + " mounts a volume the pod does not have"));
                assertThat(volume.getEmptyDir()).as(what + " /tmp").isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyImageIsOurOwnAtAVersion(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                Matcher image = PINNED_IMAGE.matcher(container.getImage());
                assertThat(image.matches()).as(container.getImage() + ": a version tag or a digest, never latest").isTrue();
                assertThat(image.group(1)).as(container.getImage()).isEqualTo(deployment.getMetadata().getName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everyConfigMapReferenceResolves(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Container container = manifests.container(app);
            container.getEnvFrom().forEach(source -> {
                assertThat(source.getConfigMapRef()).as(app + " envFrom").isNotNull();
                assertThat(source.getConfigMapRef().getOptional()).as(app + " envFrom " + source.getConfigMapRef().getName()).isNotEqualTo(true);
                assertThat(manifests.configMapData(source.getConfigMapRef().getName())).as(app + " envFrom").isNotEmpty();
            });
            container.getEnv().stream()
                    .filter(variable -> variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null)
                    .forEach(variable -> assertThat(manifests.configMapData(variable.getValueFrom().getConfigMapKeyRef().getName()))
                            .as(app + " " + variable.getName())
                            .containsKey(variable.getValueFrom().getConfigMapKeyRef().getKey()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void everySettingAnAppNeedsIsSetAndSecretsAreReferences(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Map<String, Setting> environment = manifests.environment(app);
            assertThat(environment).as(app).containsKeys(REQUIRED_SETTINGS.get(app).toArray(String[]::new));
            environment.forEach((name, setting) -> {
                if (secretOf(app, name) != null) {
                    assertThat(setting.secret()).as(app + " " + name + " from its Secret").isEqualTo(secretOf(app, name));
                } else {
                    assertThat(setting.secret()).as(app + " " + name + " is not a secret").isNull();
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void eachAppUsesTheCatalogAsItsOwnRoleAndOnlyTenantAdminMigratesIt(Stage stage) {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Map<String, String> values = manifests.values(app);
            assertThat(values).as(app).containsEntry("QUARKUS_DATASOURCE_USERNAME", CATALOG_ROLE.get(app));
            if (app.equals(TENANT_ADMIN)) {
                assertThat(values).as(app).containsEntry("QUARKUS_FLYWAY_USERNAME", "bigpicture")
                        .doesNotContainEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
                assertThat(manifests.environment(app)).as(app).containsKey("QUARKUS_FLYWAY_PASSWORD");
            } else {
                assertThat(values).as(app).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
                assertThat(manifests.environment(app)).as(app + " has no owner's password").doesNotContainKey("QUARKUS_FLYWAY_PASSWORD");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void nothingKeepsTheLocalStacksSettings(Stage stage) throws IOException {
        StageManifests manifests = rendered(stage);
        for (String app : APPS) {
            Map<String, String> values = manifests.values(app);
            Set<String> environment = manifests.environment(app).keySet();
            // a default of application.properties that points at the local stack must be replaced
            for (String property : localStackDefaults(app)) {
                assertThat(environment).as(app + " overrides " + property).contains(environmentName(property));
            }
            values.forEach((name, value) -> assertThat(value).as(app + " " + name).doesNotContain("localhost", "127.0.0.1"));
            AWS_ITSELF.forEach((name, expected) -> {
                if (values.containsKey(name)) {
                    assertThat(values.get(name)).as(app + " " + name).isEqualTo(expected);
                }
            });
            assertThat(environment).as(app + ": the KMS key, not a local master key").doesNotContain("BIGPICTURE_SECRETS_MASTER_KEY");
        }
    }

    /** application.properties' keys (without a profile) whose values point at the local stack. */
    private static List<String> localStackDefaults(String app) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../..", app, "src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .filter(key -> properties.getProperty(key).contains("localhost") || properties.getProperty(key).contains("127.0.0.1"))
                .sorted()
                .toList();
    }

    /** SmallRye Config's environment variable for a property: quarkus.s3.aws.region is QUARKUS_S3_AWS_REGION. */
    private static String environmentName(String property) {
        return property.replaceAll("[^a-zA-Z0-9]", "_").toUpperCase();
    }

    /** infra/aws makes what the overlays name: the same account, region, key and egress addresses per stage. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void theOverlayNamesWhatTheCdkAppMakesForTheStage(Stage stage) throws IOException {
        JsonNode cdkStage = new ObjectMapper().readTree(Path.of("..", "aws", "cdk.json").toFile()).path("context").path("bigpicture:stages")
                .path(stage.name());
        assertThat(cdkStage.isMissingNode()).as("stage " + stage + " in infra/aws/cdk.json").isFalse();
        assertThat(cdkStage.path("account").asText()).isEqualTo(stage.account());
        assertThat(cdkStage.path("region").asText()).isEqualTo(REGION);
        List<String> egress = new ArrayList<>();
        cdkStage.path("loaderEgressIps").forEach(address -> egress.add(address.asText()));
        StageManifests manifests = rendered(stage);
        assertThat(manifests.values(TENANT_ADMIN).get("BIGPICTURE_CONSOLE_LOADER_ADDRESSES")).as("the addresses customers let in")
                .isEqualTo(String.join(",", egress));
        assertThat(manifests.values(LOADER_WORKER).get("BIGPICTURE_SECRETS_KMS_KEY_ID")).isEqualTo("alias/bigpicture-" + stage.name() + "-credentials");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void theAppsUseTheStagesQueuesBucketKeyAndRealm(Stage stage) {
        StageManifests manifests = rendered(stage);
        Map<String, String> ingestApi = manifests.values(INGEST_API);
        Map<String, String> scheduler = manifests.values(SCHEDULER);
        Map<String, String> worker = manifests.values(LOADER_WORKER);
        Map<String, String> tenantAdmin = manifests.values(TENANT_ADMIN);
        assertThat(ingestApi).containsEntry("BIGPICTURE_INGEST_EVENTS_QUEUE", stage.queue("events"))
                .containsEntry("BIGPICTURE_INGEST_PUBLIC_URL", "https://" + stage.host(INGEST_API));
        assertThat(worker).containsEntry("MP_MESSAGING_INCOMING_EVENTS_QUEUE", stage.queue("events"))
                .containsEntry("MP_MESSAGING_INCOMING_SYNC_JOBS_QUEUE", stage.queue("sync-jobs"))
                .containsEntry("MP_MESSAGING_OUTGOING_DEAD_SYNC_JOBS_QUEUE", stage.queue("sync-jobs-dlq"))
                .containsEntry("BIGPICTURE_STORAGE_BUCKET", stage.bucket());
        assertThat(scheduler).containsEntry("MP_MESSAGING_OUTGOING_SYNC_JOBS_QUEUE", stage.queue("sync-jobs"));
        assertThat(tenantAdmin).containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", stage.oidcServer())
                .containsEntry("QUARKUS_OIDC_CLIENT_ID", "bigpicture-console")
                .containsEntry("BIGPICTURE_CONSOLE_INGEST_URL", "https://" + stage.host(INGEST_API));
        // tenant-admin wraps warehouse passwords that the worker unwraps: the same key
        assertThat(worker.get("BIGPICTURE_SECRETS_KMS_KEY_ID")).as("KMS key")
                .isNotBlank()
                .isEqualTo(tenantAdmin.get("BIGPICTURE_SECRETS_KMS_KEY_ID"))
                .contains(stage.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void noSecretValueIsRendered(Stage stage) {
        StageManifests manifests = rendered(stage);
        assertThat(manifests.all(Secret.class)).isEmpty();
        // a secret's value in a ConfigMap would be in the repository, even where a Secret reference shadows it
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            assertThat(configMap.getData()).as("ConfigMap " + configMap.getMetadata().getName())
                    .doesNotContainKeys(SECRET_SETTINGS.keySet().toArray(String[]::new));
        }
    }

    @Test
    void noSecretIsInTheRepository() throws IOException {
        List<String> filesWithSecrets = new ArrayList<>();
        try (Stream<Path> base = Files.walk(Path.of("base")); Stream<Path> overlays = Files.walk(Path.of("overlays"))) {
            for (Path file : Stream.concat(base, overlays).filter(path -> path.toString().endsWith(".yaml")).toList()) {
                if (Files.readAllLines(file).stream().anyMatch(line -> line.matches("kind:\\s*Secret\\s*"))) {
                    filesWithSecrets.add(file.toString());
                }
            }
        }
        assertThat(filesWithSecrets).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void theSchedulerRunsTwice(Stage stage) {
        assertThat(rendered(stage).get(Deployment.class, SCHEDULER).getSpec().getReplicas()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aStoppingWorkerHandsItsSyncsBackBeforeItIsKilled(Stage stage) {
        StageManifests manifests = rendered(stage);
        String stopWait = manifests.values(LOADER_WORKER).get("BIGPICTURE_SYNC_STOP_WAIT");
        assertThat(stopWait).as("BIGPICTURE_SYNC_STOP_WAIT").isNotNull();
        Long gracePeriod = manifests.get(Deployment.class, LOADER_WORKER).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(gracePeriod).as("terminationGracePeriodSeconds").isNotNull();
        assertThat(Duration.ofSeconds(gracePeriod)).isGreaterThan(quarkusDuration(stopWait));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void syncJobsWaitForTheStagersFlush(Stage stage) {
        StageManifests manifests = rendered(stage);
        // where unset, the defaults of SchedulerConfig and LoaderConfig
        String jobDelay = manifests.values(SCHEDULER).getOrDefault("BIGPICTURE_SCHEDULER_JOB_DELAY", "8s");
        String flushInterval = manifests.values(LOADER_WORKER).getOrDefault("BIGPICTURE_STAGING_FLUSH_INTERVAL", "5s");
        assertThat(quarkusDuration(jobDelay)).as("job delay").isGreaterThan(quarkusDuration(flushInterval));
    }

    /** A duration as Quarkus reads it: ISO-8601, or a number with ms, s, m or h. */
    private static Duration quarkusDuration(String value) {
        Matcher simple = QUARKUS_DURATION.matcher(value);
        if (!simple.matches()) {
            return Duration.parse(value);
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void kedaScalesTheWorkerOnBothQueuesAsItsOwnRole(Stage stage) {
        StageManifests manifests = rendered(stage);
        assertThat(manifests.get(Deployment.class, LOADER_WORKER).getSpec().getReplicas()).as("replicas are KEDA's").isNull();
        List<GenericKubernetesResource> scaledObjects = manifests.custom("ScaledObject");
        assertThat(scaledObjects).hasSize(1);
        GenericKubernetesResource scaledObject = scaledObjects.get(0);
        assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        Map<String, Object> target = scaledObject.get("spec", "scaleTargetRef");
        assertThat(target).containsEntry("name", LOADER_WORKER);
        assertThat(target.getOrDefault("kind", "Deployment")).isEqualTo("Deployment");
        assertThat(target.getOrDefault("apiVersion", "apps/v1")).isEqualTo("apps/v1");
        Integer minimum = scaledObject.get("spec", "minReplicaCount");
        Integer maximum = scaledObject.get("spec", "maxReplicaCount");
        assertThat(minimum).as("minReplicaCount").isNotNull().isPositive();
        assertThat(maximum).as("maxReplicaCount").isNotNull().isGreaterThan(minimum);

        List<Map<String, Object>> triggers = scaledObject.get("spec", "triggers");
        List<String> queueUrls = new ArrayList<>();
        for (Map<String, Object> trigger : triggers) {
            assertThat(trigger).containsEntry("type", "aws-sqs-queue");
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
            queueUrls.add((String) metadata.get("queueURL"));
            assertThat(metadata).containsEntry("awsRegion", REGION);
            assertThat(Integer.parseInt((String) metadata.get("queueLength"))).as("queueLength").isPositive();
            assertThat(metadata).doesNotContainKeys("awsAccessKeyID", "awsSecretAccessKey", "identityOwner");

            @SuppressWarnings("unchecked")
            String authentication = ((Map<String, String>) trigger.get("authenticationRef")).get("name");
            GenericKubernetesResource triggerAuthentication = manifests.findCustom("TriggerAuthentication", authentication)
                    .orElseThrow(() -> new AssertionError("no TriggerAuthentication " + authentication));
            Map<String, Object> spec = triggerAuthentication.get("spec");
            assertThat(spec).as("pod identity, no keys").containsOnlyKeys("podIdentity");
            Map<String, Object> podIdentity = triggerAuthentication.get("spec", "podIdentity");
            assertThat(podIdentity)
                    .containsEntry("provider", "aws")
                    .containsEntry("identityOwner", "workload");
        }
        assertThat(queueUrls).containsExactlyInAnyOrder(stage.queueUrl("events"), stage.queueUrl("sync-jobs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void theIngestApiScalesOnCpu(Stage stage) {
        StageManifests manifests = rendered(stage);
        assertThat(manifests.get(Deployment.class, INGEST_API).getSpec().getReplicas()).as("replicas are the autoscaler's").isNull();
        HorizontalPodAutoscaler autoscaler = manifests.get(HorizontalPodAutoscaler.class, INGEST_API);
        assertThat(autoscaler.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(INGEST_API);
        assertThat(autoscaler.getSpec().getMinReplicas()).as("minReplicas").isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.getSpec().getMaxReplicas()).as("maxReplicas").isGreaterThan(autoscaler.getSpec().getMinReplicas());
        assertThat(autoscaler.getSpec().getMetrics())
                .anySatisfy(metric -> assertCpuUtilization(metric));
    }

    private static void assertCpuUtilization(MetricSpec metric) {
        assertThat(metric.getType()).isEqualTo("Resource");
        assertThat(metric.getResource().getName()).isEqualTo("cpu");
        assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void onlyThePublicAppsHaveTlsIngresses(Stage stage) {
        StageManifests manifests = rendered(stage);
        Set<String> exposedServices = new TreeSet<>();
        for (Ingress ingress : manifests.all(Ingress.class)) {
            String what = "Ingress " + ingress.getMetadata().getName();
            assertThat(ingress.getSpec().getIngressClassName()).as(what).isEqualTo("nginx");
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                assertThat(tls.getSecretName()).as(what + " TLS secret").isNotBlank();
                tlsHosts.addAll(tls.getHosts());
            }
            assertThat(ingress.getSpec().getRules()).as(what).isNotEmpty();
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(tlsHosts).as(what + ": TLS for every host").contains(rule.getHost());
                rule.getHttp().getPaths().forEach(path -> {
                    IngressBackend backend = path.getBackend();
                    Service service = manifests.get(Service.class, backend.getService().getName());
                    assertThat(service.getSpec().getPorts()).as(what + " backend port")
                            .anyMatch(port -> Objects.equals(port.getName(), backend.getService().getPort().getName())
                                    || Objects.equals(port.getPort(), backend.getService().getPort().getNumber()));
                    exposedServices.add(service.getMetadata().getName());
                    assertThat(rule.getHost()).as(what).isEqualTo(stage.host(service.getMetadata().getName()));
                });
            }
        }
        assertThat(exposedServices).containsExactlyInAnyOrderElementsOf(PUBLIC_APPS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void onlyThePublicAppsAdmitTrafficFromOutsideTheNamespace(Stage stage) {
        StageManifests manifests = rendered(stage);
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        assertThat(policies).as("a default deny of ingress traffic").anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
            assertThat(policy.getSpec().getIngress()).isEmpty();
        });
        Map<String, List<NetworkPolicyPeer>> outsidePeers = new HashMap<>();
        for (String app : APPS) {
            Map<String, String> podLabels = podLabels(manifests, app);
            for (NetworkPolicy policy : policies) {
                if (!selects(policy.getSpec().getPodSelector(), podLabels)) {
                    continue;
                }
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    assertThat(rule.getFrom()).as(policy.getMetadata().getName() + ": a rule without from admits everyone").isNotEmpty();
                    rule.getFrom().stream()
                            .filter(peer -> peer.getNamespaceSelector() != null || peer.getIpBlock() != null)
                            .forEach(peer -> outsidePeers.computeIfAbsent(app, key -> new ArrayList<>()).add(peer));
                }
            }
        }
        assertThat(outsidePeers.keySet()).as("apps reachable from outside the namespace").containsExactlyInAnyOrderElementsOf(PUBLIC_APPS);
        outsidePeers.forEach((app, peers) -> assertThat(peers).as(app + ": only the ingress controller").allSatisfy(peer -> {
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", INGRESS_CONTROLLER_NAMESPACE));
        }));
    }

    private static Map<String, String> podLabels(StageManifests manifests, String app) {
        return manifests.get(Deployment.class, app).getSpec().getTemplate().getMetadata().getLabels();
    }

    /** Whether the selector picks pods with these labels; selectors here use matchLabels only. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("matchExpressions are not evaluated here").isNullOrEmpty();
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(required.entrySet());
    }

    /** The container's port a probe, Service or NetworkPolicy names, by number or by name. */
    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(candidate -> port.getIntVal() != null ? port.getIntVal().equals(candidate.getContainerPort())
                        : port.getStrVal().equals(candidate.getName()))
                .findFirst();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).collect(Collectors.toList());
    }
}
