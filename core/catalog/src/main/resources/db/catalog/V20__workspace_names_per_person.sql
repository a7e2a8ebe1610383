-- A workspace's name is unique among the workspaces of the person who makes it, not among all
-- tenants: a 409 on "Acme" told anyone who signed up that a tenant named Acme exists.
alter table tenant drop constraint tenant_name_key;
create index tenant_name on tenant (name);
