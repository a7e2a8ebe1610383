package io.bigpicture.loader.sync;

import io.bigpicture.testing.TestingCatalog;
import io.bigpicture.warehouse.dialect.PostgresDialect;
import java.sql.Connection;

/** The loading rules against embedded PostgreSQL, through pgjdbc and COPY FROM STDIN. */
class PostgresWarehouseLoadTest extends BaseWarehouseLoadTest {

    @Override
    protected Connection connect() throws Exception {
        return TestingCatalog.warehouseConnection();
    }

    @Override
    protected WarehouseLoad warehouseLoad(WarehouseLoad.LoadFileStore store) {
        PostgresDialect dialect = new PostgresDialect();
        return new WarehouseLoad(dialect, new PostgresBulkLoader(dialect), rowMapper, store);
    }
}
