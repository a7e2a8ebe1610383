-- A failed job that may pass is retried later (not before not_before); one a person must fix
-- puts its warehouse in need of attention until a sync succeeds.
alter table sync_job add column attempts integer not null default 0;
alter table sync_job add column not_before timestamptz;
alter table warehouse add column attention text;
