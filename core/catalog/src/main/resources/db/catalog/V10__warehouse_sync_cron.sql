-- A warehouse syncs every sync_interval_minutes, or, when this is set, at the times of this
-- five-field cron expression (UTC).
alter table warehouse add column sync_cron varchar(120);
