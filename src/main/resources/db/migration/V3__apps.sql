-- Apps and their config: the draft lives on the app row, every publish freezes it as a numbered,
-- immutable version. Apps are deleted softly (deleted_at) so versions, and later conversations and
-- statistics, keep their app.
create table app (
    id                    uuid primary key,
    workspace_id          uuid         not null references workspace (id) on delete cascade,
    name                  varchar(64)  not null,
    description           varchar(400) not null default '',
    icon                  varchar(255) not null,
    status                varchar(16)  not null,
    draft_config          jsonb        not null,
    published_version_id  uuid,
    created_by            uuid         references account (id) on delete set null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    deleted_at            timestamptz,
    constraint app_status_ck check (status in ('draft', 'published')),
    constraint app_published_ck check ((status = 'published') = (published_version_id is not null))
);
create index app_workspace_created on app (workspace_id, created_at desc) where deleted_at is null;

create table app_config_version (
    id            uuid primary key,
    workspace_id  uuid        not null references workspace (id) on delete cascade,
    app_id        uuid        not null references app (id) on delete cascade,
    version       integer     not null,
    config        jsonb       not null,
    created_by    uuid        references account (id) on delete set null,
    created_at    timestamptz not null,
    -- with the row lock taken on the app while publishing, this makes version numbers gap-free and unique
    constraint app_config_version_uq unique (app_id, version),
    constraint app_config_version_positive_ck check (version > 0)
);

alter table app add constraint app_published_version_fk
    foreign key (published_version_id) references app_config_version (id);
