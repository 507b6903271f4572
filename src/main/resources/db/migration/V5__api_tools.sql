-- Custom API tools imported from OpenAPI: one provider per imported spec (name unique in its
-- workspace), one tool per operation. encrypted_credentials holds the provider's headers and auth
-- ({"headers": [{key, value}], "auth": {type, name, value}}) sealed with AES-256-GCM (platform SecretBox).
create table api_tool_provider (
    id                     uuid primary key,
    workspace_id           uuid          not null references workspace (id) on delete cascade,
    name                   varchar(64)   not null,
    icon                   varchar(2048) not null,
    schema_text            text          not null,
    schema_url             varchar(2048),
    server_url             varchar(2048) not null,
    encrypted_credentials  text          not null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    constraint api_tool_provider_name_uq unique (workspace_id, name)
);

create index api_tool_provider_listed_idx on api_tool_provider (workspace_id, created_at desc);

-- parameters: [{name, in (path|query|header|body|form), type, items_type, required, description, enum_values, default_value}]
create table api_tool (
    id            uuid primary key,
    provider_id   uuid          not null references api_tool_provider (id) on delete cascade,
    workspace_id  uuid          not null,
    position      integer       not null,
    name          varchar(64)   not null,
    description   text          not null,
    method        varchar(16)   not null,
    path          varchar(2048) not null,
    body_type     varchar(16),
    parameters    jsonb         not null,
    constraint api_tool_name_uq unique (provider_id, name)
);
