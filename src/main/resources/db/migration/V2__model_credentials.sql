-- Model provider credentials, one row per workspace and provider. encrypted_config is the whole
-- credentials document (api_key, base_url, api_version, deployment…) sealed with AES-256-GCM
-- (platform SecretBox, "v1:" + base64); no column holds a secret in plain text.
create table provider_credential (
    id                uuid primary key,
    workspace_id      uuid        not null references workspace (id) on delete cascade,
    provider          varchar(64) not null,
    encrypted_config  text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    constraint provider_credential_uq unique (workspace_id, provider)
);
