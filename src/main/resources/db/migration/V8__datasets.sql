-- Knowledge bases. PostgreSQL is the source of truth for segments and their vectors; the Lucene index
-- on local disk is rebuilt from these tables. Datasets and documents are deleted softly (deleted_at):
-- their index entries go at once, their rows are purged later by a clean-up timer (issue 5 item 9).
create table dataset (
    id                  uuid primary key,
    workspace_id        uuid          not null references workspace (id) on delete cascade,
    name                varchar(64)   not null,
    description         varchar(400)  not null default '',
    icon                varchar(2048) not null,
    embedding_provider  varchar(32)   not null,
    embedding_model     varchar(128)  not null,
    -- {retrieval_strategy, k, score}: what hit testing and apps use when they do not say
    retrieval_settings  jsonb         not null,
    created_by          uuid          references account (id) on delete set null,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    deleted_at          timestamptz
);
-- a deleted dataset's name is free again
create unique index dataset_name_uq on dataset (workspace_id, name) where deleted_at is null;
create index dataset_listed_idx on dataset (workspace_id, created_at desc) where deleted_at is null;

-- A source of segments: an uploaded file ingested by the batch job (source 'upload'), or the
-- dataset's one 'manual' document that holds segments typed in through the API. Counts and timings
-- are the ingestion's progress (status waiting → parsing → splitting → indexing → completed | error | paused).
create table document (
    id                     uuid primary key,
    workspace_id           uuid          not null,
    dataset_id             uuid          not null references dataset (id) on delete cascade,
    name                   varchar(255)  not null,
    source                 varchar(16)   not null,
    upload_file_id         uuid,
    batch                  varchar(64),
    process_rule           jsonb,
    status                 varchar(16)   not null,
    position               integer       not null,
    enabled                boolean       not null default true,
    segment_count          integer       not null default 0,
    segments_total         integer,
    character_count        bigint        not null default 0,
    token_count            bigint        not null default 0,
    error                  text,
    created_by             uuid          references account (id) on delete set null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    processing_started_at  timestamptz,
    parsing_completed_at   timestamptz,
    splitting_completed_at timestamptz,
    completed_at           timestamptz,
    heartbeat_at           timestamptz,
    deleted_at             timestamptz,
    constraint document_source_ck check (source in ('upload', 'manual')),
    constraint document_status_ck check (status in ('waiting', 'parsing', 'splitting', 'indexing', 'completed', 'error', 'paused'))
);
create index document_dataset_idx on document (dataset_id, position) where deleted_at is null;
create unique index document_manual_uq on document (dataset_id) where source = 'manual';

-- keywords: a JSON array of strings; vector: the embedding by the dataset's model (null = full text only).
-- (document_id, position) is unique so ingestion can write idempotently after a restart.
create table segment (
    id               uuid primary key,
    workspace_id     uuid          not null,
    dataset_id       uuid          not null references dataset (id) on delete cascade,
    document_id      uuid          not null references document (id) on delete cascade,
    position         integer       not null,
    content          text          not null,
    content_hash     char(64)      not null,
    keywords         jsonb         not null,
    token_count      integer       not null,
    character_count  integer       not null,
    enabled          boolean       not null default true,
    hit_count        bigint        not null default 0,
    vector           real[],
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    constraint segment_position_uq unique (document_id, position)
);
create index segment_dataset_idx on segment (dataset_id);

-- Vectors already computed, so identical text is never embedded twice by the same model.
create table embedding_cache (
    model_id      varchar(128) not null,
    content_hash  char(64)     not null,
    vector        real[]       not null,
    created_at    timestamptz  not null,
    primary key (model_id, content_hash)
);

-- Every hit-testing query, for "recent queries".
create table dataset_query (
    id            uuid primary key,
    dataset_id    uuid          not null references dataset (id) on delete cascade,
    workspace_id  uuid          not null,
    query         text          not null,
    strategy      varchar(16)   not null,
    source        varchar(16)   not null,
    created_by    uuid          references account (id) on delete set null,
    created_at    timestamptz   not null
);
create index dataset_query_latest_idx on dataset_query (dataset_id, created_at desc);
