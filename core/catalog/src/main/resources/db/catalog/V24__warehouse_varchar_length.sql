-- The length of the VARCHAR columns the loader makes in this warehouse (bytes on Redshift,
-- characters on PostgreSQL); columns made before keep theirs.
alter table warehouse add column varchar_length integer not null default 512
    constraint warehouse_varchar_length_range check (varchar_length between 512 and 65535);
