-- Each step of a run with its outcome: what a person reads to see where a sync stopped.
create table sync_run_step (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    sync_run_id  uuid not null references sync_run (id) on delete cascade,
    position     integer not null,
    step         varchar(40) not null,
    table_name   varchar(127),
    outcome      varchar(20) not null check (outcome in ('SUCCEEDED', 'FAILED')),
    millis       bigint not null,
    detail       text,
    unique (sync_run_id, position)
);
