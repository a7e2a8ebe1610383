-- A few of the values a run left out, per table, for sync history (the discards table in the
-- warehouse has every one).
create table sync_run_discard_example (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    sync_run_id  uuid not null references sync_run (id) on delete cascade,
    table_name   varchar(127) not null,
    column_name  varchar(127) not null,
    value_text   varchar(1000) not null,
    reason       varchar(200) not null
);
create index sync_run_discard_example_run_idx on sync_run_discard_example (sync_run_id);
