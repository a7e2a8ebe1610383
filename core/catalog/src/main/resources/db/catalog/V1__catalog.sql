-- The catalog: who the tenants are, what they send, where it goes, and what has been loaded.
-- Every row below tenant carries tenant_id so that every query can be scoped by it.

create table tenant (
    id          uuid primary key,
    name        varchar(100) not null unique,
    created_at  timestamptz not null default now()
);

create table source (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    name         varchar(100) not null,
    -- fixed at creation so that renaming a source never moves its data
    schema_name  varchar(127) not null,
    created_at   timestamptz not null default now(),
    unique (tenant_id, name)
);

create table write_key (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    source_id   uuid not null references source (id) on delete cascade,
    -- SHA-256 of the key, hex; the key itself is shown once and never stored
    key_hash    char(64) not null unique,
    created_at  timestamptz not null default now(),
    -- the key stops working at this time (a rotation leaves a grace period); null: valid
    expires_at  timestamptz,
    -- the ingest API's key cache reads changes since its last read by this column
    updated_at  timestamptz not null default now()
);
create index write_key_updated_at_idx on write_key (updated_at);

create table warehouse (
    id                     uuid primary key,
    tenant_id              uuid not null references tenant (id) on delete cascade,
    name                   varchar(100) not null,
    kind                   varchar(20) not null check (kind in ('POSTGRES', 'REDSHIFT')),
    host                   varchar(255) not null,
    port                   integer not null,
    database_name          varchar(127) not null,
    username               varchar(127) not null,
    -- envelope-encrypted (see SecretCipher); never returned by an API
    password_secret        bytea not null,
    sync_interval_minutes  integer not null default 60 check (sync_interval_minutes between 15 and 1440),
    next_sync_at           timestamptz not null,
    created_at             timestamptz not null default now(),
    unique (tenant_id, name)
);
create index warehouse_next_sync_at_idx on warehouse (next_sync_at);

-- which sources load into which warehouses
create table destination (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id) on delete cascade,
    source_id     uuid not null references source (id) on delete cascade,
    warehouse_id  uuid not null references warehouse (id) on delete cascade,
    enabled       boolean not null default true,
    created_at    timestamptz not null default now(),
    unique (source_id, warehouse_id)
);

-- one gzip NDJSON file of events on S3, written by the stager
create table staging_file (
    id              uuid primary key,
    tenant_id       uuid not null references tenant (id) on delete cascade,
    source_id       uuid not null references source (id) on delete cascade,
    object_key      text not null unique,
    event_count     integer not null,
    byte_size       bigint not null,
    first_event_at  timestamptz not null,
    last_event_at   timestamptz not null,
    -- the tables and columns the file's events need, with the types their first values gave
    schema_json     text not null,
    created_at      timestamptz not null default now()
);
create index staging_file_source_idx on staging_file (source_id, created_at);

create table sync_job (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id) on delete cascade,
    warehouse_id   uuid not null references warehouse (id) on delete cascade,
    source_id      uuid not null references source (id) on delete cascade,
    trigger        varchar(20) not null check (trigger in ('SCHEDULE', 'MANUAL')),
    status         varchar(20) not null check (status in ('PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    created_at     timestamptz not null default now(),
    dispatched_at  timestamptz,
    finished_at    timestamptz
);
create index sync_job_status_idx on sync_job (status, created_at);
create index sync_job_warehouse_idx on sync_job (warehouse_id, created_at);

-- one attempt at a job
create table sync_run (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    sync_job_id  uuid not null references sync_job (id) on delete cascade,
    status       varchar(20) not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    rows_loaded  bigint,
    -- in words a person can act on
    error        text
);
create index sync_run_job_idx on sync_run (sync_job_id, started_at);

-- which staging files a warehouse has loaded, so that each is loaded once per warehouse
create table staging_file_load (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    staging_file_id  uuid not null references staging_file (id) on delete cascade,
    warehouse_id     uuid not null references warehouse (id) on delete cascade,
    sync_run_id      uuid not null references sync_run (id) on delete cascade,
    loaded_at        timestamptz not null default now(),
    unique (staging_file_id, warehouse_id)
);

-- the schema catalog: every column bigPicture made in a warehouse, with its type
create table warehouse_column (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id) on delete cascade,
    warehouse_id  uuid not null references warehouse (id) on delete cascade,
    schema_name   varchar(127) not null,
    table_name    varchar(127) not null,
    column_name   varchar(127) not null,
    column_type   varchar(20) not null,
    created_at    timestamptz not null default now(),
    unique (warehouse_id, schema_name, table_name, column_name)
);

-- what one run loaded, table by table
create table sync_run_table (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    sync_run_id  uuid not null references sync_run (id) on delete cascade,
    table_name   varchar(127) not null,
    rows_loaded  bigint not null,
    unique (sync_run_id, table_name)
);
