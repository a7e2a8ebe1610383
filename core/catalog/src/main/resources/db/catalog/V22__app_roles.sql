-- What each app may do in the catalog, granted to group roles that the apps' login users are members
-- of (docs/production.md): the tracking API reads write keys and their sources and nothing else; the
-- other apps read and write rows. Only the owner, who runs these migrations, changes the schema.
-- The groups are made here where the operator has not made them yet (the owner needs CREATEROLE then).
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'bigpicture_app_access') then
        create role bigpicture_app_access nologin;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'bigpicture_ingest_access') then
        create role bigpicture_ingest_access nologin;
    end if;
end
$$;

grant select, insert, update, delete on all tables in schema public to bigpicture_app_access;
-- tables of later migrations too (they are the owner's, who runs them)
alter default privileges in schema public grant select, insert, update, delete on tables to bigpicture_app_access;
revoke insert, update, delete on flyway_schema_history from bigpicture_app_access;

grant select on write_key, source to bigpicture_ingest_access;
