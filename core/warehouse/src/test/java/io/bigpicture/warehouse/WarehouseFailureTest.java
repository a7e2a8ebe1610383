package io.bigpicture.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigpicture.warehouse.WarehouseFailure.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The texts are the ones Redshift (through its JDBC driver) and PostgreSQL send, as seen in
 * their sources, AWS's documentation and loaders' bug reports; only names and numbers differ.
 */
class WarehouseFailureTest {

    private static final WarehouseFailure.Context AT = new WarehouseFailure.Context("cluster.example", 5439, "dev", "bigpicture", "shop");

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "08001|Connection to cluster.example:5439 refused.|UNREACHABLE|false|Check the host and port, and that the cluster's security group lets in the loader's addresses.",
            // pgjdbc's and the Redshift driver's words for what TLS verify-full refuses, and for a server without TLS
            "08006|SSL error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target|TLS|true|For a server with a certificate of its own on a network you trust, set TLS to require.",
            "08006|The hostname cluster.example could not be verified by hostnameverifier PgjdbcHostnameVerifier.|TLS|true|give the host name its certificate names (the endpoint's name, not its IP address), or set TLS to require.",
            "08004|The server does not support SSL.|TLS|true|or set TLS to disable if the warehouse is on a network you trust.",
            "28P01|FATAL: password authentication failed for user \"bigpicture\"|AUTHENTICATION|true|the warehouse at cluster.example:5439/dev refused user bigpicture: check the user name and password in the warehouse settings.",
            "42501|ERROR: permission denied for schema shop|PERMISSION|true|Run as an admin: GRANT USAGE, CREATE ON SCHEMA \"shop\" TO \"bigpicture\";",
            "42501|ERROR: permission denied for database dev|PERMISSION|true|Run as an admin: GRANT CREATE ON DATABASE \"dev\" TO \"bigpicture\";",
            "42501|ERROR: must be owner of table orders|NOT_OWNER|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            "42501|ERROR: permission denied for table orders|PERMISSION|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            // Redshift keeps PostgreSQL 8's "relation" wording
            "42501|ERROR: must be owner of relation orders|NOT_OWNER|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            "42501|ERROR: permission denied for relation orders|PERMISSION|true|Run as an admin: ALTER TABLE \"shop\".\"orders\" OWNER TO \"bigpicture\";",
            // Redshift sends 28000 for a wrong password, PostgreSQL 28P01
            "28000|FATAL: password authentication failed for user \"bigpicture\"|AUTHENTICATION|true|check the user name and password in the warehouse settings.",
            "XX000|[Amazon](500310) Invalid operation: 1023 Details: Serializable isolation violation on table - 156545, transactions forming the cycle are: 1349, 1350 (pid:9527);|CONCURRENCY|false|the sync runs again later.",
            "40001|ERROR: could not serialize access due to concurrent update|CONCURRENCY|false|the sync runs again later.",
            "XX000|[Amazon](500310) Invalid operation: connection limit \"500\" exceeded for non-bootstrap users;|CONCURRENCY|false|the sync runs again later.",
            "53300|FATAL: sorry, too many clients already|CONCURRENCY|false|the sync runs again later.",
            // the session's lock_timeout: a customer's transaction holds the table
            "55P03|ERROR: canceling statement due to lock timeout|CONCURRENCY|false|the sync runs again later.",
            "BP001|the warehouse host 10.0.0.5 is, or resolves to, an address inside a private, loopback or link-local network, which bigPicture does not connect to: give the warehouse's public host name or address.|REFUSED_ADDRESS|true|give the warehouse's public host name or address.",
            "XX000|ERROR: Disk Full Detail: ----------------------------------------------- error: Disk Full code: 1016 context: node: 0 query: 2070045 location: fdisk_api.cpp:345 process: query3_66 [pid=18432]|DISK_FULL|true|or add nodes; then run the sync again.",
            "53100|ERROR: could not extend file \"base/16384/24576\": No space left on device|DISK_FULL|true|or add nodes; then run the sync again.",
            "57014|ERROR: Cannot execute query because system is in resize mode Detail: System is in resize mode, and ONLY read-only queries are allowed to execute.|CLUSTER_UNAVAILABLE|false|nothing to do on your side: the sync runs again later.",
            "57P03|FATAL: the database system is starting up|CLUSTER_UNAVAILABLE|false|nothing to do on your side: the sync runs again later.",
            "57P01|FATAL: terminating connection due to administrator command|CLUSTER_UNAVAILABLE|false|nothing to do on your side: the sync runs again later.",
            "54011|ERROR: tables can have at most 1600 columns|TOO_MANY_COLUMNS|true|(selective sync), or send fewer distinct property names.",
            "XX000|ERROR: 1040 Details: Maximum tables limit exceeded. The maximum number of tables per cluster is 9900 for this instance type. The limit includes permanent and temporary tables.|TOO_MANY_TABLES|true|or untick event tables in the source's filters.",
            "2BP01|ERROR: cannot drop table shop.orders column total because other objects depend on it Hint: Use DROP ... CASCADE to drop the dependent objects too.|VIEW_DEPENDS|true|on Redshift create it WITH NO SCHEMA BINDING, so that it no longer blocks changes.",
            "0A000|ERROR: cannot alter type of a column used by a view or rule Detail: rule _RETURN on view daily_orders depends on column \"total\"|VIEW_DEPENDS|true|on Redshift create it WITH NO SCHEMA BINDING, so that it no longer blocks changes.",
            "XX000|[Amazon](500310) Invalid operation: User arn:aws:redshift:eu-west-1:123456789012:dbuser:analytics/bigpicture is not authorized to assume IAM Role arn:aws:iam::123456789012:role/RedshiftCopy Details: error: User arn:aws:redshift:eu-west-1:123456789012:dbuser:analytics/bigpicture is not authorized to assume IAM Role arn:aws:iam::123456789012:role/RedshiftCopy code: 8001|IAM_ROLE|true|let its trust policy allow redshift.amazonaws.com to assume it.",
            "XX000|ERROR: S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.,Status 301,Error PermanentRedirect|BUCKET|true|set the bucket's region in the warehouse settings.",
            "XX000|[Amazon](500310) Invalid operation: S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid 4F3C2D1B|BUCKET|true|check the bucket's name and region.",
            "XX000|ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid 5A6B7C8D|BUCKET|true|and kms:Decrypt if the bucket is encrypted with a KMS key).",
            "XX000|[Amazon](500310) Invalid operation: Value too long for character type Details: error: Value too long for character type code: 8001 context: Value too long for type character varying(256)|DATA|true|the sync will not run again by itself.",
            "22001|ERROR: value too long for type character varying(512)|DATA|true|the sync will not run again by itself.",
            "22021|ERROR: invalid byte sequence for encoding \"UTF8\": 0x00|DATA|true|the sync will not run again by itself.",
            "54000|ERROR: row is too big: size 12680, maximum size 8160|DATA|true|the sync will not run again by itself.",
            "23502|ERROR: null value in column \"sku\" of relation \"orders\" violates not-null constraint|DATA|true|the sync will not run again by itself.",
            "XX000|ERROR: Load into table 'orders' failed.  Check 'stl_load_errors' system table for details.|DATA|true|the sync will not run again by itself."})
    void failuresAreClassifiedWithWhatToDo(String state, String message, Kind kind, boolean needsPerson, String advice) {
        WarehouseFailure failure = WarehouseFailure.classify(state, message, AT);

        assertThat(failure.kind()).as(failure.message()).isEqualTo(kind);
        assertThat(failure.needsPerson()).isEqualTo(needsPerson);
        assertThat(failure.message()).endsWith(advice);
    }
}
