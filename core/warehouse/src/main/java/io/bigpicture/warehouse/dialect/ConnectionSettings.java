package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.network.PinnedSocketFactory;
import java.net.InetAddress;
import java.sql.SQLException;
import java.util.Properties;

/** What every kind's driver is given the same way: the login, and the one address it may connect to. */
public final class ConnectionSettings {

    private ConnectionSettings() {
    }

    /**
     * @throws SQLException naming the field, when the endpoint holds what no driver should be given
     *                      (settings saved before they were checked)
     */
    public static Properties common(Endpoint endpoint, InetAddress address, String password, String applicationName) throws SQLException {
        if (!endpoint.problems().isEmpty()) {
            throw new SQLException("the warehouse settings cannot be used: " + String.join("; ", endpoint.problems()), "08001");
        }
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.username());
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty(PinnedSocketFactory.CLASS_PROPERTY, PinnedSocketFactory.class.getName());
        properties.setProperty(PinnedSocketFactory.ARGUMENT_PROPERTY, address.getHostAddress());
        return properties;
    }
}
