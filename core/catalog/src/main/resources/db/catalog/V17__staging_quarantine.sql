-- A staging file that cannot be read is set aside: its object moves under quarantine/, the run that
-- found it says so, and the files after it load.
alter table staging_file add column quarantined_at timestamptz;
alter table staging_file add column quarantine_reason text;
alter table staging_file add column quarantined_by_run uuid references sync_run (id);
