package io.bigpicture.redshift.emulator;

/**
 * SQL the emulator refuses: Redshift syntax it cannot carry out faithfully (PostgreSQL would run
 * it with other semantics or fail with a message that hides which Redshift feature was the
 * problem), or PostgreSQL syntax that Redshift does not have (PostgreSQL would run it, and the
 * build would not see what a customer's cluster refuses).
 */
final class UnsupportedRedshiftSql extends Exception {

    private final String construct;

    UnsupportedRedshiftSql(String construct) {
        this(construct, construct + " is Redshift syntax the Redshift emulator does not support");
    }

    private UnsupportedRedshiftSql(String construct, String message) {
        super(message);
        this.construct = construct;
    }

    static UnsupportedRedshiftSql postgresOnly(String construct) {
        return new UnsupportedRedshiftSql(construct, construct + " is PostgreSQL syntax that Redshift does not have");
    }

    /** What a Redshift Serverless workgroup refuses that a cluster answers. */
    static UnsupportedRedshiftSql notOnServerless(String construct) {
        return new UnsupportedRedshiftSql(construct, construct + " is not available on Redshift Serverless");
    }

    String construct() {
        return construct;
    }
}
