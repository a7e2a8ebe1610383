package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.Warehouse;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.Redaction;
import io.bigpicture.warehouse.WarehouseFailure;
import java.sql.SQLException;

/** A failed sync in words a person can act on (see {@link WarehouseFailure}). Never holds a secret. */
final class SyncErrors {

    private SyncErrors() {
    }

    /** The reason in words, and whether only a person can mend it (then no retry will). */
    record Failure(String reason, boolean needsPerson) {
    }

    static Failure describe(Exception failure, Warehouse warehouse, String schema) {
        Endpoint at = warehouse.connection();
        WarehouseFailure.Context context = new WarehouseFailure.Context(at.host(), at.port(), at.database(), at.username(), schema);
        if (failure instanceof SQLException sql) {
            WarehouseFailure classified = WarehouseFailure.classify(sql.getSQLState(), sql.getMessage(), context);
            return new Failure(classified.message(), classified.needsPerson());
        }
        return new Failure(failure.getClass().getSimpleName() + ": " + Redaction.redact(failure.getMessage()), false);
    }
}
