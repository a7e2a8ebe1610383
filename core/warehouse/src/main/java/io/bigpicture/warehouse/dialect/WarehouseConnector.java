package io.bigpicture.warehouse.dialect;

import io.bigpicture.warehouse.VarcharLength;
import io.bigpicture.warehouse.network.TlsTrust;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One kind of warehouse beyond its SQL: how to log in to it, the dialect for a given host, and
 * which settings it needs. Each kind's package has its own; {@link WarehouseKind} lists them.
 */
public interface WarehouseConnector {

    /** The kind's key in a message's {@code integrations} object, as Segment names it. */
    String integrationsKey();

    /**
     * A session as the endpoint's user, on a socket to {@code address} only.
     *
     * @param address        the endpoint's host as {@link io.bigpicture.warehouse.network.WarehouseAddresses} resolved and checked it
     * @param password the decrypted password; it goes to the driver only
     * @param limits   the session's time limits, set before it is returned
     * @param trust    whose certificates {@link TlsMode#VERIFY_FULL} accepts
     */
    Connection connect(Endpoint endpoint, InetAddress address, String password, String applicationName, SessionLimits limits,
                       TlsTrust trust) throws SQLException;

    /**
     * The SQL of the warehouse at this host (some kinds differ by deployment, which the host tells)
     *
     * @param newText the length of the VARCHAR columns it makes
     */
    WarehouseDialect dialect(String host, VarcharLength newText);

    /**
     * Whether the warehouse reads load files from a bucket of the customer's ({@link CopyFromS3}),
     * so that its settings must name the bucket, its region and the credentials to read it with.
     */
    boolean readsLoadFilesFromS3();
}
