package io.bigpicture.warehouse.dialect.redshift;

import io.bigpicture.warehouse.dialect.Endpoint;
import io.bigpicture.warehouse.dialect.WarehouseConnector;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
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
    public Connection connect(Endpoint endpoint, String password, String applicationName, int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.username());
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("ssl", Boolean.toString(endpoint.ssl()));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        return DRIVER.connect("jdbc:redshift://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database(), properties);
    }

    @Override
    public RedshiftDialect dialect(String host) {
        return new RedshiftDialect(RedshiftDialect.Deployment.ofHost(host));
    }

    @Override
    public boolean readsLoadFilesFromS3() {
        return true;
    }
}
