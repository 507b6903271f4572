-- Built-in tool provider credentials (gaode, dalle, google…), one row per workspace and provider.
-- encrypted_config is the whole credentials document sealed with the platform SecretBox, as for
-- provider_credential; no column holds a secret in plain text.
create table builtin_tool_credential (
    id                uuid primary key,
    workspace_id      uuid        not null references workspace (id) on delete cascade,
    provider          varchar(64) not null,
    encrypted_config  text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    constraint builtin_tool_credential_uq unique (workspace_id, provider)
);
