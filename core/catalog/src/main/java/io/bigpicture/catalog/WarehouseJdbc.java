package io.bigpicture.catalog;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Connecting to a customer's warehouse: the one place that knows each kind's driver and settings. */
public final class WarehouseJdbc {

    // named rather than looked up: DriverManager answers by the caller's class loader, which varies
    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final Driver REDSHIFT = new com.amazon.redshift.Driver();

    private WarehouseJdbc() {
    }

    /**
     * @param password       the decrypted password; it goes to the driver only
     * @param timeoutSeconds for the connection to be made
     */
    public static Connection connect(Warehouse warehouse, String password, String applicationName, int timeoutSeconds) throws SQLException {
        Warehouse.Connection at = warehouse.connection();
        Properties properties = new Properties();
        properties.setProperty("user", at.username());
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", applicationName);
        if (warehouse.kind() == WarehouseKind.POSTGRES) {
            properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
            // without "ssl", TLS where the server offers it, as pgjdbc does by default
            properties.setProperty("sslmode", at.ssl() ? "require" : "prefer");
            return POSTGRES.connect("jdbc:postgresql://" + at.host() + ":" + at.port() + "/" + at.database(), properties);
        }
        properties.setProperty("ssl", Boolean.toString(at.ssl()));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        return REDSHIFT.connect("jdbc:redshift://" + at.host() + ":" + at.port() + "/" + at.database(), properties);
    }
}
