package io.bigpicture.warehouse.dialect.redshift;

import com.amazon.redshift.ssl.NonValidatingFactory;
import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.dialect.ConnectionSettings;
import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.SessionLimits;
import io.bigpicture.warehouse.dialect.TlsMode;
import io.bigpicture.warehouse.dialect.WarehouseConnector;
import io.bigpicture.warehouse.network.TlsTrust;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Amazon Redshift, a provisioned cluster or a Serverless workgroup, through Amazon's driver; it reads load files from S3. */
public final class RedshiftConnector implements WarehouseConnector {

    // named rather than looked up: DriverManager answers by the caller's class loader, which varies
    private static final Driver DRIVER = new com.amazon.redshift.Driver();

    @Override
    public String integrationsKey() {
        return "Redshift";
    }

    @Override
    public Connection connect(Endpoint endpoint, InetAddress address, String password, String applicationName, SessionLimits limits,
                              TlsTrust trust) throws SQLException {
        Properties properties = ConnectionSettings.common(endpoint, address, password, applicationName);
        properties.setProperty("connectTimeout", limits.connectSeconds());
        properties.setProperty("socketTimeout", limits.socketSeconds());
        properties.setProperty("ssl", Boolean.toString(endpoint.tls() != TlsMode.DISABLE));
        switch (endpoint.tls()) {
            case DISABLE -> { }
            case REQUIRE -> {
                properties.setProperty("sslmode", endpoint.tls().setting());
                properties.setProperty("sslfactory", NonValidatingFactory.class.getName());
            }
            // the driver's own default (verify-ca) checks no host name
            case VERIFY_FULL -> {
                properties.setProperty("sslmode", endpoint.tls().setting());
                trust.verifyWith(properties);
            }
        }
        properties.setProperty("loginTimeout", limits.connectSeconds());
        Connection connection = DRIVER.connect("jdbc:redshift://" + endpoint.urlHost() + ":" + endpoint.port() + "/" + endpoint.database(),
                properties);
        // Redshift has no lock_timeout: waiting for a lock counts against the statement's limit
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout TO " + limits.statementMillis());
            // load files hold UTC times without an offset, which a TIMESTAMPTZ column reads in the session's time zone
            statement.execute("SET timezone TO 'UTC'");
        } catch (SQLException failed) {
            connection.close();
            throw failed;
        }
        return connection;
    }

    @Override
    public RedshiftDialect dialect(String host, VarcharLength newText) {
        return new RedshiftDialect(RedshiftDialect.Deployment.ofHost(host), newText);
    }

    @Override
    public boolean readsLoadFilesFromS3() {
        return true;
    }
}
