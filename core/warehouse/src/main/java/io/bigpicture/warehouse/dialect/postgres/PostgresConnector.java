package io.bigpicture.warehouse.dialect.postgres;

import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.ConnectionSettings;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.dialect.WarehouseConnector;
import io.bigpicture.warehouse.dialect.WarehouseDialect;
import io.bigpicture.warehouse.network.TlsTrust;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.ssl.NonValidatingFactory;

/** PostgreSQL through pgjdbc; the worker streams load files to it, so it needs no bucket. */
public final class PostgresConnector implements WarehouseConnector {

    // named rather than looked up: DriverManager answers by the caller's class loader, which varies
    private static final Driver DRIVER = new org.postgresql.Driver();

    @Override
    public String integrationsKey() {
        return "Postgres";
    }

    @Override
    public Connection connect(Endpoint endpoint, InetAddress address, String password, String applicationName, SessionLimits limits,
                              TlsTrust trust) throws SQLException {
        Properties properties = ConnectionSettings.common(endpoint, address, password, applicationName);
        properties.setProperty("connectTimeout", limits.connectSeconds());
        properties.setProperty("loginTimeout", limits.connectSeconds());
        properties.setProperty("socketTimeout", limits.socketSeconds());
        // set at login, before any statement of ours runs; load files hold UTC times without an offset, which a TIMESTAMPTZ
        // column reads in the session's time zone (pgjdbc's default is the worker JVM's, which need not be UTC)
        properties.setProperty("options", "-c statement_timeout=" + limits.statementMillis() + " -c lock_timeout=" + limits.lockMillis()
                + " -c TimeZone=UTC");
        properties.setProperty("sslmode", endpoint.tls().setting());
        switch (endpoint.tls()) {
            case DISABLE -> { }
            // named, or a root.crt in the worker's home would make "require" verify
            case REQUIRE -> properties.setProperty("sslfactory", NonValidatingFactory.class.getName());
            case VERIFY_FULL -> trust.verifyWith(properties);
        }
        return DRIVER.connect("jdbc:postgresql://" + endpoint.urlHost() + ":" + endpoint.port() + "/" + endpoint.database(), properties);
    }

    @Override
    public PostgresDialect dialect(String host, VarcharLength newText) {
        return new PostgresDialect(newText);
    }

    @Override
    public boolean readsLoadFilesFromS3() {
        return false;
    }
}
