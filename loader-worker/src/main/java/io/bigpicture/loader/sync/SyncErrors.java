package io.bigpicture.loader.sync;

import io.bigpicture.catalog.Warehouse;
import java.net.ConnectException;
import java.sql.SQLException;

/** A failed sync, in words a person can act on. Never holds a secret. */
final class SyncErrors {

    private SyncErrors() {
    }

    static String describe(Exception failure, Warehouse warehouse) {
        Warehouse.Connection at = warehouse.connection();
        String where = at.host() + ":" + at.port() + "/" + at.database();
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("08") || sql.getCause() instanceof ConnectException) {
                return "could not connect to the warehouse at " + where + ": " + sql.getMessage();
            }
            if (state.equals("28P01") || state.equals("28000")) {
                return "the warehouse at " + where + " refused user " + at.username() + ": check the password";
            }
            if (state.equals("42501")) {
                return "user " + at.username() + " lacks a privilege on the warehouse at " + where + ": " + sql.getMessage();
            }
            return "the warehouse at " + where + " answered: " + sql.getMessage() + (state.isEmpty() ? "" : " (SQL state " + state + ")");
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
