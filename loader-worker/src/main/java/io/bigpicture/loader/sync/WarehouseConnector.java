package io.bigpicture.loader.sync;

import io.bigpicture.catalog.Warehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens a connection to a customer's warehouse; one per sync. */
final class WarehouseConnector {

    private WarehouseConnector() {
    }

    static Connection connect(Warehouse.Connection warehouse, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", warehouse.username());
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "15");
        properties.setProperty("ApplicationName", "bigpicture-loader");
        String url = "jdbc:postgresql://" + warehouse.host() + ":" + warehouse.port() + "/" + warehouse.database();
        return DriverManager.getConnection(url, properties);
    }
}
