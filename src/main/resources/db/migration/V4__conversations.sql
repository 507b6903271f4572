-- Conversations, their messages and the agent's thoughts (tool calls) inside each message.
create table conversation (
    id            uuid primary key,
    workspace_id  uuid         not null references workspace (id) on delete cascade,
    app_id        uuid         not null,
    invoke_from   varchar(16)  not null,            -- debugger, service_api, web_app
    name          varchar(255) not null default '',
    summary       text,                             -- long-term memory
    pinned        boolean      not null default false,
    account_id    uuid,                             -- who debugged it (console)
    end_user_id   varchar(255),                     -- who called it (service API, web app)
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    deleted_at    timestamptz
);
create index conversation_app on conversation (workspace_id, app_id, invoke_from, created_at desc);

create table message (
    id                 uuid primary key,
    workspace_id       uuid          not null references workspace (id) on delete cascade,
    app_id             uuid          not null,
    conversation_id    uuid          not null references conversation (id) on delete cascade,
    task_id            uuid          not null,
    query              text          not null,
    answer             text          not null default '',
    status             varchar(16)   not null,      -- normal, stop, error
    error              text,
    provider           varchar(64),
    model              varchar(128),
    prompt_tokens      integer       not null default 0,
    completion_tokens  integer       not null default 0,
    total_price        numeric(18, 8) not null default 0,
    currency           varchar(8),
    latency_ms         bigint        not null default 0,
    first_token_ms     bigint,
    created_at         timestamptz   not null,
    deleted_at         timestamptz
);
create index message_conversation on message (conversation_id, created_at);
create index message_app_time on message (workspace_id, app_id, created_at);

create table message_agent_thought (
    id            uuid primary key,
    workspace_id  uuid        not null references workspace (id) on delete cascade,
    message_id    uuid        not null references message (id) on delete cascade,
    position      integer     not null,
    thought       text        not null default '',
    tool          varchar(255) not null,
    tool_input    text        not null default '',
    observation   text        not null default '',
    failed        boolean     not null default false,
    latency_ms    bigint      not null default 0,
    created_at    timestamptz not null,
    constraint message_agent_thought_position_uq unique (message_id, position)
);
