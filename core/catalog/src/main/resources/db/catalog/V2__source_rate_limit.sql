-- Each source's ingest rate limit, in events per second per ingest API instance.
alter table source add column rate_limit_per_second integer not null default 10000 check (rate_limit_per_second > 0);
-- the ingest API's key cache also re-reads sources changed since its last read
alter table source add column updated_at timestamptz not null default now();
create index source_updated_at_idx on source (updated_at);
