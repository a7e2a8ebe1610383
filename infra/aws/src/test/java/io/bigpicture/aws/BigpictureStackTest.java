package io.bigpicture.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesized CloudFormation of a stage: what each resource promises, property by property. */
class BigpictureStackTest {

    private static final String WORKSPACE = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String KEDA = "arn:aws:iam::222222222222:role/keda-operator";
    private static final String CUSTOMER_ROLE = "arn:aws:iam::999999999999:role/their-redshift-cluster";

    private static Template template;
    private static Map<String, Object> resources;

    @BeforeAll
    static void synthesize() {
        StageSettings production = new StageSettings("production", "222222222222", "eu-west-1",
                "oidc.eks.eu-west-1.amazonaws.com/id/PRODUCTION", 30, List.of("198.51.100.20", "198.51.100.21"), KEDA,
                List.of(new StageSettings.RedshiftReader(WORKSPACE, CUSTOMER_ROLE)));
        template = Template.fromStack(new BigpictureStack(new App(), production));
        resources = map(template.toJSON().get("Resources"));
    }

    @Test
    void eachQueueHasADeadLetterQueueThatTakesAMessageAfterFiveReceives() {
        for (String queue : List.of("bigpicture-production-events", "bigpicture-production-sync-jobs")) {
            Map<String, Object> properties = properties(single("AWS::SQS::Queue", "QueueName", queue));
            Map<String, Object> redrive = map(properties.get("RedrivePolicy"));
            assertThat(redrive.get("maxReceiveCount")).isEqualTo(5);
            String deadLetters = (String) ((List<?>) map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
            assertThat(properties(map(resources.get(deadLetters))).get("QueueName")).as("the redrive target of " + queue).isEqualTo(queue + "-dlq");
            assertThat(properties(map(resources.get(deadLetters))).get("MessageRetentionPeriod")).isEqualTo(14 * 24 * 3600);
            assertThat(properties.get("SqsManagedSseEnabled")).isEqualTo(true);
        }
        assertThat(properties(single("AWS::SQS::Queue", "QueueName", "bigpicture-production-events")).get("VisibilityTimeout"))
                .as("above the stager's flush interval").isEqualTo(600);
        assertThat(properties(single("AWS::SQS::Queue", "QueueName", "bigpicture-production-sync-jobs")).get("VisibilityTimeout"))
                .isEqualTo(900);
        template.resourceCountIs("AWS::SQS::Queue", 4);
        // plain HTTP to a queue is refused
        refusesPlainHttp("AWS::SQS::QueuePolicy");
    }

    @Test
    void theBucketIsEncryptedWithItsOwnKeyClosedToThePublicAndForgetsLoadAndStagingFiles() {
        Map<String, Object> bucket = properties(single("AWS::S3::Bucket", "BucketName", "bigpicture-production-data-222222222222"));
        Map<String, Object> encryption = map(((List<?>) map(bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration")).get(0));
        assertThat(map(encryption.get("ServerSideEncryptionByDefault")).get("SSEAlgorithm")).isEqualTo("aws:kms");
        assertThat(map(encryption.get("ServerSideEncryptionByDefault")).get("KMSMasterKeyID")).isEqualTo(Map.of("Fn::GetAtt", List.of(logicalId("DataKey"), "Arn")));
        assertThat(encryption.get("BucketKeyEnabled")).isEqualTo(true);
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));

        Map<String, String> expiryByPrefix = new TreeMap<>();
        for (Object rule : (List<?>) map(bucket.get("LifecycleConfiguration")).get("Rules")) {
            Map<String, Object> lifecycle = map(rule);
            assertThat(lifecycle.get("Status")).isEqualTo("Enabled");
            if (lifecycle.containsKey("Prefix")) {
                expiryByPrefix.put((String) lifecycle.get("Prefix"), lifecycle.get("ExpirationInDays") + " days");
            } else {
                assertThat(lifecycle.get("AbortIncompleteMultipartUpload")).isEqualTo(Map.of("DaysAfterInitiation", 1));
            }
        }
        assertThat(expiryByPrefix).isEqualTo(Map.of("load/", "7 days", "staging/", "30 days"));
        refusesPlainHttp("AWS::S3::BucketPolicy");
    }

    @Test
    void bothKeysRotateAndOutliveTheStack() {
        assertThat(resourcesOf("AWS::KMS::Key")).hasSize(2).allSatisfy(key -> {
            assertThat(properties(key).get("EnableKeyRotation")).isEqualTo(true);
            assertThat(key.get("DeletionPolicy")).isEqualTo("Retain");
        });
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/bigpicture-production-credentials"));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/bigpicture-production-data"));
    }

    @Test
    void eachAppsRoleIsTakenOnlyByItsServiceAccountAndMayDoOnlyWhatTheAppDoes() {
        assertThat(permissions("bigpicture-production-ingest-api")).isEqualTo(Map.of(
                "sqs:GetQueueAttributes", Set.of("queue Events"), "sqs:GetQueueUrl", Set.of("queue Events"), "sqs:SendMessage", Set.of("queue Events")));
        assertThat(permissions("bigpicture-production-scheduler")).isEqualTo(Map.of(
                "sqs:GetQueueAttributes", Set.of("queue SyncJobs"), "sqs:GetQueueUrl", Set.of("queue SyncJobs"), "sqs:SendMessage", Set.of("queue SyncJobs")));
        assertThat(permissions("bigpicture-production-loader-worker")).isEqualTo(Map.ofEntries(
                Map.entry("sqs:ReceiveMessage", Set.of("queue Events", "queue SyncJobs")),
                Map.entry("sqs:DeleteMessage", Set.of("queue Events", "queue SyncJobs")),
                Map.entry("sqs:ChangeMessageVisibility", Set.of("queue Events", "queue SyncJobs")),
                Map.entry("sqs:GetQueueAttributes", Set.of("queue Events", "queue SyncJobs")),
                Map.entry("sqs:GetQueueUrl", Set.of("queue Events", "queue SyncJobs", "queue SyncJobsDeadLetters")),
                Map.entry("sqs:SendMessage", Set.of("queue SyncJobsDeadLetters")),
                Map.entry("s3:GetObject", Set.of("objects of bucket Data")),
                Map.entry("s3:PutObject", Set.of("objects of bucket Data")),
                Map.entry("s3:DeleteObject", Set.of("objects of bucket Data")),
                Map.entry("s3:ListBucket", Set.of("bucket Data")),
                Map.entry("kms:GenerateDataKey", Set.of("key DataKey")),
                Map.entry("kms:Decrypt", Set.of("key DataKey", "key CredentialsKey if context bigpicture=warehouse-secret"))));
        // the connection check's test file for a Redshift cluster's COPY, and nothing else of the bucket
        assertThat(permissions("bigpicture-production-tenant-admin")).isEqualTo(Map.of(
                "kms:GenerateDataKey", Set.of("key CredentialsKey if context bigpicture=warehouse-secret",
                        "key DataKey through s3.eu-west-1.amazonaws.com"),
                "kms:Decrypt", Set.of("key CredentialsKey if context bigpicture=warehouse-secret"),
                "s3:PutObject", Set.of("objects of bucket Data under load/*/check/"),
                "s3:DeleteObject", Set.of("objects of bucket Data under load/*/check/")));

        for (String app : List.of("ingest-api", "scheduler", "loader-worker", "tenant-admin")) {
            List<?> statements = (List<?>) map(properties(single("AWS::IAM::Role", "RoleName", "bigpicture-production-" + app))
                    .get("AssumeRolePolicyDocument")).get("Statement");
            assertThat(statements).as(app + "'s trust").hasSize(app.equals("loader-worker") ? 2 : 1);
            if (app.equals("loader-worker")) {
                assertThat(map(statements.get(1))).as("KEDA reads the queues' depths as the worker")
                        .containsEntry("Action", "sts:AssumeRole").containsEntry("Principal", Map.of("AWS", KEDA));
            }
            Map<String, Object> trust = map(statements.get(0));
            assertThat(trust.get("Action")).isEqualTo("sts:AssumeRoleWithWebIdentity");
            assertThat(map(trust.get("Principal")).get("Federated"))
                    .isEqualTo("arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/PRODUCTION");
            assertThat(map(trust.get("Condition")).get("StringEquals")).isEqualTo(Map.of(
                    "oidc.eks.eu-west-1.amazonaws.com/id/PRODUCTION:sub", "system:serviceaccount:bigpicture-production:" + app,
                    "oidc.eks.eu-west-1.amazonaws.com/id/PRODUCTION:aud", "sts.amazonaws.com"));
        }
    }

    @Test
    void noPolicyAllowsEveryActionOrEveryResource() {
        List<Map<String, Object>> statements = new ArrayList<>();
        resourcesOf("AWS::IAM::Policy").forEach(policy -> ((List<?>) map(properties(policy).get("PolicyDocument")).get("Statement"))
                .forEach(statement -> statements.add(map(statement))));
        assertThat(statements).hasSizeGreaterThan(10).allSatisfy(statement -> {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(list(statement.get("Action"))).allSatisfy(action -> assertThat((String) action).doesNotContain("*"));
            assertThat(list(statement.get("Resource"))).allSatisfy(resource -> assertThat(resource).isNotEqualTo("*"));
        });
    }

    @Test
    void aCustomersRedshiftClusterMayReadItsOwnWorkspacesLoadFilesOnly() {
        Map<String, Object> role = properties(single("AWS::IAM::Role", "RoleName", "bigpicture-production-redshift-0f1e2d3c"));
        Map<String, Object> trust = map(((List<?>) map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        assertThat(map(trust.get("Principal")).get("AWS")).isEqualTo(CUSTOMER_ROLE);
        assertThat(permissions("bigpicture-production-redshift-0f1e2d3c")).isEqualTo(Map.of(
                "s3:GetObject", Set.of("objects of bucket Data under load/" + WORKSPACE + "/"),
                "s3:ListBucket", Set.of("bucket Data if prefix load/" + WORKSPACE + "/*"),
                "kms:Decrypt", Set.of("key DataKey through s3.eu-west-1.amazonaws.com")));
    }

    @Test
    void theOutputsNameWhatTheKubernetesOverlaysNeed() {
        Map<String, Object> outputs = map(template.toJSON().get("Outputs"));
        assertThat(outputs).containsKeys("EventsQueueName", "EventsQueueUrl", "SyncJobsQueueName", "SyncJobsQueueUrl",
                "SyncJobsDeadLetterQueueName", "DataBucketName", "CredentialsKeyArn", "IngestApiRoleArn", "SchedulerRoleArn",
                "LoaderWorkerRoleArn", "TenantAdminRoleArn", "LoaderEgressIps", "RedshiftReaderRoleArn0f1e2d3c");
        assertThat(map(outputs.get("LoaderEgressIps")).get("Value")).isEqualTo("198.51.100.20,198.51.100.21");
    }

    @Test
    void settingsThatCannotBeRightAreRefusedBeforeAnythingIsMade() {
        assertThatThrownBy(() -> new StageSettings("production", "2222", "eu-west-1", "oidc", 30, List.of(), KEDA, List.of()))
                .hasMessageContaining("account must be 12 digits");
        assertThatThrownBy(() -> new StageSettings.RedshiftReader("acme", CUSTOMER_ROLE)).hasMessageContaining("workspaceId must be");
        assertThatThrownBy(() -> new StageSettings.RedshiftReader(WORKSPACE, "their-role")).hasMessageContaining("clusterRoleArn must be");
        assertThatThrownBy(() -> new StageSettings("production", "222222222222", "eu-west-1", "oidc", 0, List.of(), KEDA, List.of()))
                .hasMessageContaining("stagingRetentionDays");
        assertThatThrownBy(() -> new StageSettings("production", "222222222222", "eu-west-1", "oidc", 30, List.of(), "keda", List.of()))
                .hasMessageContaining("kedaOperatorRoleArn must be");
    }

    private static void refusesPlainHttp(String policyType) {
        Map<String, Object> denyWithoutTls = Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        template.hasResourceProperties(policyType, Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(denyWithoutTls))))))));
    }

    /**
     * The role's allowed actions, each with the resources it may touch, in words: "queue Events",
     * "objects of bucket Data", "key CredentialsKey if context bigpicture=warehouse-secret".
     */
    private static Map<String, Set<String>> permissions(String roleName) {
        String role = logicalIdWhere("AWS::IAM::Role", "RoleName", roleName);
        Map<String, Set<String>> permissions = new TreeMap<>();
        for (Map<String, Object> policy : resourcesOf("AWS::IAM::Policy")) {
            if (!list(properties(policy).get("Roles")).contains(Map.of("Ref", role))) {
                continue;
            }
            for (Object statement : (List<?>) map(properties(policy).get("PolicyDocument")).get("Statement")) {
                Map<String, Object> allowed = map(statement);
                for (Object action : list(allowed.get("Action"))) {
                    for (Object resource : list(allowed.get("Resource"))) {
                        permissions.computeIfAbsent((String) action, a -> new TreeSet<>()).add(describe(resource) + condition(allowed));
                    }
                }
            }
        }
        return permissions;
    }

    private static String describe(Object resource) {
        Map<String, Object> reference = map(resource);
        if (reference.containsKey("Fn::GetAtt")) {
            String id = (String) ((List<?>) reference.get("Fn::GetAtt")).get(0);
            String type = (String) map(resources.get(id)).get("Type");
            String kind = type.equals("AWS::SQS::Queue") ? "queue" : type.equals("AWS::S3::Bucket") ? "bucket" : "key";
            return kind + " " + constructName(id);
        }
        // {"Fn::Join": ["", [{"Fn::GetAtt": [bucket, "Arn"]}, "/load/...*"]]}
        List<?> parts = (List<?>) ((List<?>) reference.get("Fn::Join")).get(1);
        String suffix = (String) parts.get(1);
        String bucket = "objects of " + describe(parts.get(0));
        return suffix.equals("/*") ? bucket : bucket + " under " + suffix.substring(1, suffix.length() - 1);
    }

    private static String condition(Map<String, Object> statement) {
        if (!statement.containsKey("Condition")) {
            return "";
        }
        Map<String, Object> condition = map(statement.get("Condition"));
        if (condition.containsKey("StringLike")) {
            return " if prefix " + map(condition.get("StringLike")).get("s3:prefix");
        }
        Map<String, Object> equals = map(condition.get("StringEquals"));
        if (equals.containsKey("kms:ViaService")) {
            return " through " + equals.get("kms:ViaService");
        }
        return " if context bigpicture=" + equals.get("kms:EncryptionContext:bigpicture");
    }

    /** The construct id a logical id was made from ("SyncJobsDeadLetters" of "SyncJobsDeadLetters1A2B3C4D"). */
    private static String constructName(String logicalId) {
        return logicalId.replaceAll("[0-9A-F]{8}$", "");
    }

    private static String logicalId(String constructId) {
        return resources.keySet().stream().filter(id -> constructName(id).equals(constructId)).findFirst().orElseThrow();
    }

    private static Map<String, Object> single(String type, String property, String value) {
        return map(resources.get(logicalIdWhere(type, property, value)));
    }

    private static String logicalIdWhere(String type, String property, String value) {
        List<String> ids = resources.entrySet().stream()
                .filter(entry -> type.equals(map(entry.getValue()).get("Type")) && value.equals(properties(map(entry.getValue())).get(property)))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(ids).as(type + " with " + property + " " + value).hasSize(1);
        return ids.get(0);
    }

    private static List<Map<String, Object>> resourcesOf(String type) {
        return resources.values().stream().map(BigpictureStackTest::map).filter(resource -> type.equals(resource.get("Type"))).toList();
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return resource.containsKey("Properties") ? map(resource.get("Properties")) : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> values ? values : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }
}
