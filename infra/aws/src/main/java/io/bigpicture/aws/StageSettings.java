package io.bigpicture.aws;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What differs between stages (staging, production), from {@code cdk.json}'s context
 * {@code bigpicture:stages}.
 *
 * @param eksOidcProvider        the EKS cluster's OIDC issuer without {@code https://}, for the apps' pod identities (IRSA)
 * @param stagingRetentionDays   staging files are kept this long, loaded or not (a sync re-reads them only until loaded)
 * @param loaderEgressIps        the addresses the loader workers reach warehouses from (the cluster's NAT gateways)
 * @param kedaOperatorRoleArn    KEDA's operator role, which takes the worker's role to read the queues' depths it scales on
 * @param redshiftReaders        customers whose Redshift cluster reads their load files from our bucket
 */
public record StageSettings(String stage, String account, String region, String eksOidcProvider, int stagingRetentionDays,
                            List<String> loaderEgressIps, String kedaOperatorRoleArn, List<RedshiftReader> redshiftReaders) {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * A workspace's Redshift cluster role, in the customer's account, which may assume our reader
     * role for that workspace only (COPY ... IAM_ROLE 'their-role,our-reader-role').
     */
    public record RedshiftReader(String workspaceId, String clusterRoleArn) {
        public RedshiftReader {
            if (!UUID_TEXT.matcher(workspaceId).matches()) {
                throw new IllegalArgumentException("redshiftReaders: workspaceId must be a workspace's id (a UUID), not '" + workspaceId + "'");
            }
            if (!clusterRoleArn.matches("arn:aws:iam::\\d{12}:role/.+")) {
                throw new IllegalArgumentException("redshiftReaders: clusterRoleArn must be an IAM role's ARN, not '" + clusterRoleArn + "'");
            }
        }
    }

    public StageSettings {
        if (!stage.matches("[a-z][a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("a stage's name is lower case letters, digits and dashes: '" + stage + "'");
        }
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("stage " + stage + ": account must be 12 digits, not '" + account + "'");
        }
        if (!kedaOperatorRoleArn.matches("arn:aws:iam::\\d{12}:role/.+")) {
            throw new IllegalArgumentException("stage " + stage + ": kedaOperatorRoleArn must be an IAM role's ARN, not '" + kedaOperatorRoleArn + "'");
        }
        if (stagingRetentionDays < 1) {
            throw new IllegalArgumentException("stage " + stage + ": stagingRetentionDays must be at least 1");
        }
        loaderEgressIps = List.copyOf(loaderEgressIps);
        redshiftReaders = List.copyOf(redshiftReaders);
    }

    /** Every name of the stage's resources starts with it, so that the apps' configuration can name them. */
    public String prefix() {
        return "bigpicture-" + stage;
    }

    /** The Kubernetes namespace the stage's apps run in (infra/k8s overlays). */
    public String namespace() {
        return "bigpicture-" + stage;
    }

    /** One stage as cdk.json's context holds it (a JSON object as the CDK passes it to Java). */
    @SuppressWarnings("unchecked")
    static StageSettings fromContext(String stage, Map<String, Object> context) {
        List<RedshiftReader> readers = ((List<Map<String, Object>>) context.getOrDefault("redshiftReaders", List.of())).stream()
                .map(reader -> new RedshiftReader((String) reader.get("workspaceId"), (String) reader.get("clusterRoleArn")))
                .toList();
        return new StageSettings(stage, (String) context.get("account"), (String) context.get("region"), (String) context.get("eksOidcProvider"),
                ((Number) context.get("stagingRetentionDays")).intValue(), (List<String>) context.getOrDefault("loaderEgressIps", List.of()),
                (String) context.get("kedaOperatorRoleArn"), readers);
    }
}
