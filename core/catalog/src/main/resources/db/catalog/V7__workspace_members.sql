-- People in a workspace, by the identity provider's subject. An invitation is a member row
-- without a subject yet: the invited address becomes the person who signs in with it.
create table workspace_member (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    subject     varchar(255),
    email       varchar(320),
    role        varchar(16) not null check (role in ('OWNER', 'ADMIN', 'VIEWER')),
    created_at  timestamptz not null default now(),
    unique (tenant_id, email),
    unique (tenant_id, subject)
);
create index workspace_member_subject on workspace_member (subject);
create index workspace_member_email on workspace_member (lower(email));
