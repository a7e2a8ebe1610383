-- What a run left out per table, and how much staged data it read.
alter table sync_run_table add column discards bigint not null default 0;
alter table sync_run add column bytes_read bigint;
