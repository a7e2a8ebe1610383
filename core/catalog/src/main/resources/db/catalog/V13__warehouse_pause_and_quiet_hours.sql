-- A paused warehouse gets no scheduled syncs; in its quiet hours (UTC, from inclusive to
-- exclusive, wrapping midnight) it gets none either.
alter table warehouse add column paused boolean not null default false;
alter table warehouse add column quiet_from_hour integer check (quiet_from_hour between 0 and 23);
alter table warehouse add column quiet_to_hour integer check (quiet_to_hour between 0 and 23);
alter table warehouse add constraint warehouse_quiet_hours_both check ((quiet_from_hour is null) = (quiet_to_hour is null));
drop index warehouse_next_sync_at_idx;
create index warehouse_due_idx on warehouse (next_sync_at) where not paused;
