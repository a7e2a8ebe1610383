package io.bigpicture.admin.api;

import io.bigpicture.catalog.Warehouse;
import io.bigpicture.catalog.WarehouseKind;
import java.time.Instant;
import java.util.UUID;

/** Warehouses in the API. The password goes in and never comes out. */
public final class WarehouseApi {

    private WarehouseApi() {
    }

    public record Create(String name, WarehouseKind kind, String host, Integer port, String database, String username,
                         String password, Integer syncIntervalMinutes) {

        /** Everything but the secret, so that a request can be logged or echoed safely. */
        @Override
        public String toString() {
            return "Create[name=" + name + ", kind=" + kind + ", host=" + host + ", port=" + port + ", database=" + database
                    + ", username=" + username + ", password=***, syncIntervalMinutes=" + syncIntervalMinutes + "]";
        }
    }

    public record View(UUID id, String name, WarehouseKind kind, String host, int port, String database, String username,
                       int syncIntervalMinutes, Instant nextSyncAt) {
        public static View of(Warehouse warehouse) {
            Warehouse.Connection connection = warehouse.connection();
            return new View(warehouse.id(), warehouse.name(), warehouse.kind(), connection.host(), connection.port(),
                    connection.database(), connection.username(), warehouse.syncIntervalMinutes(), warehouse.nextSyncAt());
        }
    }
}
