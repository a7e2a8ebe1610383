package io.bigpicture.redshift.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The extended protocol's prepared statements and portals of one session, by name ("" is the
 * unnamed one): what each Execute runs, as the client wrote it, and whether it is an S3 copy.
 */
final class ClientStatements {

    /** One Parse: the client's SQL, and the S3 copy it starts (null for any other statement). */
    record Prepared(String sql, S3CopyCommand copy) {
    }

    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, String> portals = new HashMap<>();

    void parsed(String statement, Prepared prepared) {
        statements.put(statement, prepared);
    }

    void bound(String portal, String statement) {
        portals.put(portal, statement);
    }

    void closedStatement(String statement) {
        statements.remove(statement);
    }

    void closedPortal(String portal) {
        portals.remove(portal);
    }

    /** What an Execute of this portal runs; null if the client never bound it (PostgreSQL then says so). */
    Prepared executed(String portal) {
        String statement = portals.get(portal);
        return statement == null ? null : statements.get(statement);
    }
}
