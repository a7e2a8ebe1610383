-- The live events view: a source's latest events as the stager received them, trimmed to the
-- newest few per source; a preview for people setting up a source, not a copy of the data.
create table recent_event (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    source_id    uuid not null references source (id) on delete cascade,
    received_at  timestamptz not null,
    message_id   varchar(100),
    type         varchar(16) not null,
    event        varchar(200),
    body         text not null
);
create index recent_event_source on recent_event (source_id, received_at desc);
