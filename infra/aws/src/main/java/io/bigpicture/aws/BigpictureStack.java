package io.bigpicture.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The AWS resources of one stage: the two queues with their dead-letter queues, the bucket of
 * staging and load files, the keys, and one IAM role per app that may do only what that app does.
 * The apps run on EKS and take their roles by pod identity (IRSA); the names follow
 * {@link StageSettings#prefix()}, which the Kubernetes overlays in {@code infra/k8s} use.
 */
public final class BigpictureStack extends Stack {

    /** A message received this often without being handled goes to the dead-letter queue. */
    static final int MAX_RECEIVES = 5;
    /**
     * The stager holds an events message until the staging file with its events is written: well
     * above the production flush interval (minutes).
     */
    static final Duration EVENTS_VISIBILITY = Duration.minutes(10);
    /** A sync job's message stays hidden while a worker claims it; a worker that dies is covered by the catalog's lease. */
    static final Duration SYNC_JOBS_VISIBILITY = Duration.minutes(15);
    static final int LOAD_FILE_DAYS = 7;
    /** The encryption context every warehouse secret's data key is made with (core/catalog AwsKmsKeyEncryptionKey). */
    static final Map<String, String> SECRET_CONTEXT = Map.of("kms:EncryptionContext:bigpicture", "warehouse-secret");

    private final StageSettings settings;

    public BigpictureStack(Construct scope, StageSettings settings) {
        super(scope, settings.prefix(), StackProps.builder()
                .env(Environment.builder().account(settings.account()).region(settings.region()).build())
                .description("bigPicture Warehouses, stage " + settings.stage() + ": queues, bucket, keys and the apps' roles")
                .build());
        this.settings = settings;
        String prefix = settings.prefix();

        Key dataKey = Key.Builder.create(this, "DataKey")
                .alias("alias/" + prefix + "-data")
                .description("Encrypts the staging and load files in " + prefix + "'s bucket")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Key credentialsKey = Key.Builder.create(this, "CredentialsKey")
                .alias("alias/" + prefix + "-credentials")
                .description("Wraps the data keys of customers' warehouse passwords (envelope encryption)")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        Queue events = queueWithDeadLetters("Events", prefix + "-events", EVENTS_VISIBILITY);
        Queue syncJobs = queueWithDeadLetters("SyncJobs", prefix + "-sync-jobs", SYNC_JOBS_VISIBILITY);
        IQueue syncJobsDeadLetters = syncJobs.getDeadLetterQueue().getQueue();

        Bucket data = Bucket.Builder.create(this, "Data")
                .bucketName(prefix + "-data-" + settings.account())
                .encryption(BucketEncryption.KMS)
                .encryptionKey(dataKey)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("load-files").prefix("load/").expiration(Duration.days(LOAD_FILE_DAYS)).build(),
                        LifecycleRule.builder().id("staging-files").prefix("staging/")
                                .expiration(Duration.days(settings.stagingRetentionDays())).build(),
                        LifecycleRule.builder().id("unfinished-uploads").abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .build();

        Role ingestApi = appRole("IngestApiRole", "ingest-api");
        ingestApi.addToPolicy(allow(List.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"), events.getQueueArn()));

        Role scheduler = appRole("SchedulerRole", "scheduler");
        scheduler.addToPolicy(allow(List.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"), syncJobs.getQueueArn()));

        Role loaderWorker = appRole("LoaderWorkerRole", "loader-worker");
        // KEDA's scaler reads the queues' depths as the worker (TriggerAuthentication podIdentity, identityOwner: workload)
        loaderWorker.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
                .principals(List.of(new ArnPrincipal(settings.kedaOperatorRoleArn())))
                .actions(List.of("sts:AssumeRole"))
                .build());
        loaderWorker.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl",
                        "sqs:GetQueueAttributes"))
                .resources(List.of(events.getQueueArn(), syncJobs.getQueueArn()))
                .build());
        loaderWorker.addToPolicy(allow(List.of("sqs:SendMessage", "sqs:GetQueueUrl"), syncJobsDeadLetters.getQueueArn()));
        loaderWorker.addToPolicy(allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), data.arnForObjects("*")));
        loaderWorker.addToPolicy(allow(List.of("s3:ListBucket"), data.getBucketArn()));
        loaderWorker.addToPolicy(allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), dataKey.getKeyArn()));
        loaderWorker.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(credentialsKey.getKeyArn()))
                .conditions(Map.of("StringEquals", SECRET_CONTEXT))
                .build());

        Role tenantAdmin = appRole("TenantAdminRole", "tenant-admin");
        tenantAdmin.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(credentialsKey.getKeyArn()))
                .conditions(Map.of("StringEquals", SECRET_CONTEXT))
                .build());
        // "Check connection" of a Redshift warehouse: a test file for the cluster's COPY, next to the
        // workspace's load files (load/<workspace>/<warehouse>/check/), deleted after; encrypted by S3 with the data key
        tenantAdmin.addToPolicy(allow(List.of("s3:PutObject", "s3:DeleteObject"), data.arnForObjects("load/*/check/*")));
        tenantAdmin.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:GenerateDataKey"))
                .resources(List.of(dataKey.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + settings.region() + ".amazonaws.com")))
                .build());

        for (StageSettings.RedshiftReader reader : settings.redshiftReaders()) {
            redshiftReaderRole(reader, data, dataKey);
        }

        output("EventsQueueName", events.getQueueName(), "the ingest API's BIGPICTURE_INGEST_EVENTS_QUEUE, the worker's events queue");
        output("EventsQueueUrl", events.getQueueUrl(), "KEDA's aws-sqs-queue trigger on the worker");
        output("SyncJobsQueueName", syncJobs.getQueueName(), "the scheduler's and the worker's sync-jobs queue");
        output("SyncJobsQueueUrl", syncJobs.getQueueUrl(), "KEDA's aws-sqs-queue trigger on the worker");
        output("SyncJobsDeadLetterQueueName", syncJobsDeadLetters.getQueueName(), "the worker's dead-sync-jobs queue");
        output("DataBucketName", data.getBucketName(), "BIGPICTURE_STORAGE_BUCKET");
        output("CredentialsKeyArn", credentialsKey.getKeyArn(), "BIGPICTURE_SECRETS_KMS_KEY_ID of tenant-admin and loader-worker");
        output("IngestApiRoleArn", ingestApi.getRoleArn(), "the ingest-api ServiceAccount's eks.amazonaws.com/role-arn");
        output("SchedulerRoleArn", scheduler.getRoleArn(), "the scheduler ServiceAccount's eks.amazonaws.com/role-arn");
        output("LoaderWorkerRoleArn", loaderWorker.getRoleArn(), "the loader-worker ServiceAccount's eks.amazonaws.com/role-arn");
        output("TenantAdminRoleArn", tenantAdmin.getRoleArn(), "the tenant-admin ServiceAccount's eks.amazonaws.com/role-arn");
        output("LoaderEgressIps", String.join(",", settings.loaderEgressIps()),
                "BIGPICTURE_CONSOLE_LOADER_ADDRESSES: what customers allow in their warehouses' security groups");
    }

    private Queue queueWithDeadLetters(String id, String name, Duration visibility) {
        Queue deadLetters = Queue.Builder.create(this, id + "DeadLetters")
                .queueName(name + "-dlq")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        return Queue.Builder.create(this, id)
                .queueName(name)
                .visibilityTimeout(visibility)
                .retentionPeriod(Duration.days(4))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();
    }

    /** The role of one app's pods: only its Kubernetes service account may take it. */
    private Role appRole(String id, String app) {
        String issuer = settings.eksOidcProvider();
        FederatedPrincipal podIdentity = new FederatedPrincipal(
                "arn:aws:iam::" + settings.account() + ":oidc-provider/" + issuer,
                Map.of("StringEquals", Map.of(
                        issuer + ":sub", "system:serviceaccount:" + settings.namespace() + ":" + app,
                        issuer + ":aud", "sts.amazonaws.com")),
                "sts:AssumeRoleWithWebIdentity");
        return Role.Builder.create(this, id)
                .roleName(settings.prefix() + "-" + app)
                .description(app + " pods (service account " + settings.namespace() + "/" + app + ")")
                .assumedBy(podIdentity)
                .build();
    }

    /**
     * What a customer's Redshift cluster may read: its own workspace's load files, nothing else.
     * The cluster's role chains to this one in COPY.
     */
    private void redshiftReaderRole(StageSettings.RedshiftReader reader, Bucket data, Key dataKey) {
        String workspace = reader.workspaceId();
        Role role = Role.Builder.create(this, "RedshiftReader-" + workspace)
                .roleName(settings.prefix() + "-redshift-" + workspace.substring(0, 8))
                .description("Redshift COPY of workspace " + workspace + "'s load files, assumed by " + reader.clusterRoleArn())
                .assumedBy(new ArnPrincipal(reader.clusterRoleArn()))
                .build();
        role.addToPolicy(allow(List.of("s3:GetObject"), data.arnForObjects("load/" + workspace + "/*")));
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(data.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", "load/" + workspace + "/*")))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(dataKey.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + settings.region() + ".amazonaws.com")))
                .build());
        output("RedshiftReaderRoleArn" + workspace.substring(0, 8), role.getRoleArn(),
                "IAM_ROLE '" + reader.clusterRoleArn() + ",<this ARN>' in the warehouse settings of workspace " + workspace);
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resource)).build();
    }

    private void output(String id, String value, String usedAs) {
        CfnOutput.Builder.create(this, id).value(value).description(usedAs).build();
    }
}
