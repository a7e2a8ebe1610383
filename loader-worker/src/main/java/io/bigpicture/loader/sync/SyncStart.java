package io.bigpicture.loader.sync;

import io.bigpicture.catalog.Source;
import io.bigpicture.catalog.SyncJob;
import io.bigpicture.catalog.SyncRun;
import io.bigpicture.catalog.Warehouse;

/** A job this worker has claimed, its new run, and what it loads from and into. */
public record SyncStart(SyncJob job, SyncRun run, Warehouse warehouse, Source source) {
}
