-- The browser origins a source accepts events from, space-separated; null: any origin.
alter table source add column allowed_origins text;
