-- TLS as a mode that says what is checked (libpq's sslmode names): DISABLE, REQUIRE (encrypted, any
-- certificate) or VERIFY_FULL (a trusted CA's certificate for the host's name), the default. Warehouses
-- saved with TLS on were never checked, so they keep that as REQUIRE until their owner changes it.
alter table warehouse add column tls_mode text not null default 'VERIFY_FULL'
    check (tls_mode in ('DISABLE', 'REQUIRE', 'VERIFY_FULL'));
update warehouse set tls_mode = case when ssl then 'REQUIRE' else 'DISABLE' end;
-- ssl stays while the previous release's apps still read it during an upgrade; the next release drops it
