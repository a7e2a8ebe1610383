package io.bigpicture.loader.sync.run;

import io.bigpicture.catalog.Destination;
import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.Warehouse;
import java.util.Optional;

/**
 * A job this worker has claimed, its new run, what it loads from and into, and the source's
 * filters for that warehouse ({@code destination} is empty when the source no longer loads there).
 */
public record SyncStart(SyncJob job, SyncRun run, Warehouse warehouse, Source source, Optional<Destination> destination) {

    /** The schema the source loads into in this warehouse: the one chosen for it there, else the source's own. */
    public String schema() {
        return destination.map(loading -> loading.schemaOf(source)).orElse(source.schemaName());
    }
}
