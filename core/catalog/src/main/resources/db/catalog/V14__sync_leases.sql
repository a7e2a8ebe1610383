-- A running job holds a lease that its worker renews; a job whose lease ran out (its worker died)
-- is run again. A warehouse is leased to the one job that loads it, so that one sync per warehouse
-- runs at a time across all workers.
alter table sync_job add column lease_owner varchar(200);
alter table sync_job add column lease_expires_at timestamptz;
create index sync_job_running_lease_idx on sync_job (lease_expires_at) where status = 'RUNNING';
alter table warehouse add column sync_lease_job uuid;
alter table warehouse add column sync_lease_expires_at timestamptz;
