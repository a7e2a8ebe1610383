-- What a source sends to a warehouse (DestinationFilters as JSON; null: everything), who changed
-- it when, and what the filters kept out of each run.
alter table destination add column filters_json text;

create table destination_filter_change (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id) on delete cascade,
    destination_id  uuid not null references destination (id) on delete cascade,
    changed_by      varchar(320) not null,
    changed_at      timestamptz not null default now(),
    enabled         boolean not null,
    filters_json    text not null,
    -- in words: which rules came and went
    summary         text not null
);
create index destination_filter_change_idx on destination_filter_change (destination_id, changed_at);

create table sync_run_filter_count (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    sync_run_id  uuid not null references sync_run (id) on delete cascade,
    rule         varchar(400) not null,
    kept_out     bigint not null
);
create index sync_run_filter_count_run_idx on sync_run_filter_count (sync_run_id);
