-- A sync takes a bounded part of a backlog; the run says what it left, and a BACKLOG job takes the
-- next part at once.
alter table sync_run add column files_left integer;
alter table sync_run add column bytes_left bigint;
alter table sync_job drop constraint sync_job_trigger_check;
alter table sync_job add constraint sync_job_trigger_check check (trigger in ('SCHEDULE', 'MANUAL', 'BACKLOG'));
