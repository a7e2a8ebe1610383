-- A deleted source keeps its row for the history that points at it (sync jobs, staged files) but
-- frees its name, so that a new source may take it (and load into the same schema).
alter table source add column deleted_at timestamptz;
alter table source drop constraint source_tenant_id_name_key;
create unique index source_tenant_name_live on source (tenant_id, name) where deleted_at is null;
