package io.bigpicture.admin.service;

import io.bigpicture.catalog.SecretBinding;
import io.bigpicture.catalog.SecretCipher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Binds every warehouse secret stored before secrets were bound to their rows ({@link SecretBinding}):
 * at start, before tenant-admin takes requests, and again whenever asked. Until then the loader
 * refuses those secrets and their syncs wait. Reads every tenant's warehouses: a migration of the
 * stored form, not a request of anyone's, and each secret is bound to the row it was read from.
 */
@ApplicationScoped
public class SecretRebinding {

    private static final Logger LOG = Logger.getLogger(SecretRebinding.class);

    @Inject
    DataSource catalog;

    @Inject
    SecretCipher cipher;

    void atStart(@Observes StartupEvent start) throws SQLException {
        int bound = rebindAll();
        if (bound > 0) {
            LOG.infof("bound the secrets of %d warehouses to their rows", bound);
        }
    }

    /**
     * Reads every warehouse's secrets and lets {@link SecretCipher#rebind} tell the bound ones
     * (without decrypting them), so that the stored form is known in one place only.
     *
     * @return how many warehouses' secrets were bound
     */
    public int rebindAll() throws SQLException {
        int bound = 0;
        try (Connection connection = catalog.getConnection();
             PreparedStatement everyWarehouse = connection.prepareStatement(
                     "select id, tenant_id, password_secret, aws_secret_key_secret from warehouse");
             PreparedStatement update = connection.prepareStatement("update warehouse set password_secret = ?, aws_secret_key_secret = ?"
                     + " where id = ? and tenant_id = ? and password_secret = ?");
             ResultSet rows = everyWarehouse.executeQuery()) {
            while (rows.next()) {
                UUID warehouse = rows.getObject(1, UUID.class);
                UUID tenant = rows.getObject(2, UUID.class);
                byte[] password = rows.getBytes(3);
                byte[] awsSecret = rows.getBytes(4);
                Optional<byte[]> boundPassword = cipher.rebind(password, new SecretBinding(tenant, warehouse, SecretBinding.Field.PASSWORD));
                Optional<byte[]> boundAwsSecret = awsSecret == null ? Optional.empty()
                        : cipher.rebind(awsSecret, new SecretBinding(tenant, warehouse, SecretBinding.Field.AWS_SECRET_ACCESS_KEY));
                if (boundPassword.isEmpty() && boundAwsSecret.isEmpty()) {
                    continue;
                }
                update.setBytes(1, boundPassword.orElse(password));
                update.setBytes(2, boundAwsSecret.orElse(awsSecret));
                update.setObject(3, warehouse);
                update.setObject(4, tenant);
                // another instance starting at the same moment may have bound it first
                update.setBytes(5, password);
                bound += update.executeUpdate();
            }
        }
        return bound;
    }
}
