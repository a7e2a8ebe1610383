package io.bigpicture.admin.api;

import java.util.UUID;

/** A source loading into a warehouse, in the API. */
public final class DestinationApi {

    private DestinationApi() {
    }

    /**
     * {@code schema}: the warehouse schema the source loads into there, e.g. the one another loader
     * filled; null or absent: the source's own schema. Applies from the next sync; what was loaded
     * stays where it is.
     */
    public record Settings(String schema) {
    }

    /** @param chosen whether the schema was chosen for this warehouse rather than the source's own */
    public record View(UUID sourceId, UUID warehouseId, String schema, boolean chosen) {
    }
}
