package io.bigpicture.admin.config;

import io.bigpicture.warehouse.network.TlsTrust;
import io.bigpicture.warehouse.network.WarehouseAddresses;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The warehouse addresses tenant-admin connects to ("Check connection") and accepts in settings, and whose certificates it trusts. */
public class WarehouseNetwork {

    /** At start, so that a refused network that is no address block stops the app. */
    @Produces
    @Singleton
    @Startup
    WarehouseAddresses warehouseAddresses(AdminConfig config, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String catalogUrl) {
        return config.warehouses().addresses(catalogUrl);
    }

    /** At start, so that a CA bundle that holds no certificate stops the app. */
    @Produces
    @Singleton
    @Startup
    TlsTrust tlsTrust(AdminConfig config) {
        return config.warehouses().trust();
    }
}
