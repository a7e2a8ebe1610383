package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.dialect.postgres.PostgresConnector;
import io.bigpicture.warehouse.dialect.redshift.RedshiftConnector;
import java.util.Locale;

/**
 * The kinds of warehouse bigPicture loads into, as the catalog stores them. A new kind is a
 * package beside {@code postgres/} and {@code redshift/} and one constant here.
 */
public enum WarehouseKind {
    POSTGRES(new PostgresConnector()),
    REDSHIFT(new RedshiftConnector());

    private final WarehouseConnector connector;

    WarehouseKind(WarehouseConnector connector) {
        this.connector = connector;
    }

    public WarehouseConnector connector() {
        return connector;
    }

    /** The kind's key in a message's {@code integrations} object, as Segment names it. */
    public String integrationsKey() {
        return connector.integrationsKey();
    }

    /** The kind's name in settings keyed by kind, such as {@code bigpicture.sync.columns-per-table.redshift}. */
    public String settingsKey() {
        return name().toLowerCase(Locale.ROOT);
    }
}
