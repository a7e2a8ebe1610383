-- A table that failed does not stop the others: the run is PARTIAL, the staging files count as
-- loaded, and each (file, table) that did not load waits for the next sync, which loads only those.
alter table sync_run drop constraint sync_run_status_check;
alter table sync_run add constraint sync_run_status_check check (status in ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED'));

create table staging_table_retry (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    warehouse_id     uuid not null references warehouse (id) on delete cascade,
    staging_file_id  uuid not null references staging_file (id) on delete cascade,
    table_name       varchar(127) not null,
    created_at       timestamptz not null,
    unique (warehouse_id, staging_file_id, table_name)
);
create index staging_table_retry_file_idx on staging_table_retry (staging_file_id);
