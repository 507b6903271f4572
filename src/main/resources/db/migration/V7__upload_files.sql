-- Uploaded files (documents for knowledge bases, images for icons). The bytes live in the file
-- storage (llmops.storage.root) under storage_key, which the server makes from the workspace and a
-- random id, never from the user's file name. used/used_at: set once a document or icon refers to
-- the file; the cleanup timer deletes files still unused after 24 h.
create table upload_file (
    id           uuid primary key,
    workspace_id uuid         not null references workspace (id) on delete cascade,
    name         varchar(255) not null,
    size         bigint       not null,
    extension    varchar(16)  not null,
    mime_type    varchar(128) not null,
    sha256       char(64)     not null,
    storage_key  varchar(255) not null unique,
    created_by   uuid         references account (id) on delete set null,
    created_at   timestamptz  not null,
    used         boolean      not null default false,
    used_at      timestamptz
);

create index upload_file_workspace_idx on upload_file (workspace_id, created_at desc);
create index upload_file_unused_idx on upload_file (created_at) where not used;
