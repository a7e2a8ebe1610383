package io.bigpicture.redshift.emulator;

/**
 * Redshift syntax the emulator cannot carry out faithfully. It is refused rather than passed on,
 * because PostgreSQL would either run it with other semantics or fail with a message that hides
 * which Redshift feature was the problem.
 */
final class UnsupportedRedshiftSql extends Exception {

    private final String construct;

    UnsupportedRedshiftSql(String construct) {
        super(construct + " is Redshift syntax the Redshift emulator does not support");
        this.construct = construct;
    }

    String construct() {
        return construct;
    }
}
