-- Accounts, workspaces and the credentials that sign them in.
create table account (
    id              uuid primary key,
    email           varchar(254) not null,
    name            varchar(64)  not null,
    avatar          varchar(1024),
    password_hash   varchar(255),            -- null for accounts that only sign in through OAuth
    last_login_at   timestamptz,
    last_login_ip   varchar(64),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create unique index account_email_uq on account (email);

create table workspace (
    id          uuid primary key,
    name        varchar(128) not null,
    owner_id    uuid         not null references account (id) on delete cascade,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create table workspace_member (
    id            uuid primary key,
    workspace_id  uuid        not null references workspace (id) on delete cascade,
    account_id    uuid        not null references account (id) on delete cascade,
    role          varchar(16) not null,
    created_at    timestamptz not null,
    constraint workspace_member_uq unique (workspace_id, account_id)
);
create index workspace_member_account on workspace_member (account_id);

create table account_oauth (
    id               uuid primary key,
    account_id       uuid         not null references account (id) on delete cascade,
    provider         varchar(32)  not null,
    open_id          varchar(255) not null,
    encrypted_token  text,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint account_oauth_uq unique (provider, open_id)
);

-- Opaque refresh tokens, stored as SHA-256 hashes. A family is one sign-in; rotation keeps the
-- family, and presenting an already-rotated token revokes the whole family.
create table refresh_token (
    id            uuid primary key,
    account_id    uuid        not null references account (id) on delete cascade,
    workspace_id  uuid        not null references workspace (id) on delete cascade,
    family_id     uuid        not null,
    token_hash    char(64)    not null,
    expires_at    timestamptz not null,
    rotated_at    timestamptz,
    revoked_at    timestamptz,
    created_at    timestamptz not null,
    constraint refresh_token_hash_uq unique (token_hash)
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_account on refresh_token (account_id);
