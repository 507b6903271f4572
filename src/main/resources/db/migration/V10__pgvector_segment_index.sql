-- The pgvector segment index (llmops.knowledge.index=pgvector): like the Lucene index a rebuildable
-- copy of the segment table, but inside PostgreSQL, so every instance of a cluster shares it.
--
-- Its table needs the `vector` type, which exists only where the pgvector extension is installed on the
-- server and created in this database. `create extension vector` needs a superuser (pgvector is not a
-- trusted extension), so the DDL lives in a function: this migration calls it now, and the server calls
-- it again at every start with pgvector selected, so an extension a DBA creates later is picked up
-- without a manual step. It answers null when the index is ready, else why not.
--
-- One table for every embedding model: `embedding` is an untyped `vector` with its length in
-- `dimensions`; the approximate (HNSW, cosine) indexes are partial expression indexes per common length
-- (384 local all-MiniLM, 768, 1024, 1536 OpenAI small/ada; 3072 OpenAI large as halfvec, since an HNSW
-- index on `vector` stops at 2000 dimensions). Other lengths are searched exactly (still filtered by
-- the dataset index first). `search` is the full-text vector of the content (weight A) and the keywords
-- (weight B), built from tokens our own analyzer produced (Chinese words, stemmed English), so the
-- `simple` configuration only splits them on spaces.
create or replace function llmops_pgvector_prepare() returns text
    language plpgsql
as $fn$
begin
    if not exists (select 1 from pg_extension where extname = 'vector') then
        if not exists (select 1 from pg_available_extensions where name = 'vector') then
            return 'the pgvector extension (vector) is not installed on this PostgreSQL server';
        end if;
        begin
            create extension if not exists vector;
        exception
            when insufficient_privilege then
                return 'the pgvector extension is installed on the server but not created in database '
                    || current_database() || ', and user ' || current_user
                    || ' may not create it: a superuser must run CREATE EXTENSION vector; in that database';
        end;
    end if;
    execute $ddl$
        create table if not exists pgvector_segment (
            id           text    primary key,
            workspace_id text    not null,
            dataset_id   text    not null,
            document_id  text    not null,
            position     integer not null,
            enabled      boolean not null,
            content      text    not null,
            search       tsvector not null,
            dimensions   integer,
            embedding    vector,
            constraint pgvector_segment_dimensions_ck check ((embedding is null and dimensions is null)
                or (embedding is not null and dimensions = vector_dims(embedding)))
        )$ddl$;
    execute 'create index if not exists pgvector_segment_dataset_idx on pgvector_segment (dataset_id, workspace_id)';
    execute 'create index if not exists pgvector_segment_document_idx on pgvector_segment (document_id)';
    execute 'create index if not exists pgvector_segment_search_idx on pgvector_segment using gin (search)';
    execute 'create index if not exists pgvector_segment_hnsw_384_idx on pgvector_segment'
        || ' using hnsw ((embedding::vector(384)) vector_cosine_ops) where dimensions = 384';
    execute 'create index if not exists pgvector_segment_hnsw_768_idx on pgvector_segment'
        || ' using hnsw ((embedding::vector(768)) vector_cosine_ops) where dimensions = 768';
    execute 'create index if not exists pgvector_segment_hnsw_1024_idx on pgvector_segment'
        || ' using hnsw ((embedding::vector(1024)) vector_cosine_ops) where dimensions = 1024';
    execute 'create index if not exists pgvector_segment_hnsw_1536_idx on pgvector_segment'
        || ' using hnsw ((embedding::vector(1536)) vector_cosine_ops) where dimensions = 1536';
    execute 'create index if not exists pgvector_segment_hnsw_3072_idx on pgvector_segment'
        || ' using hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops) where dimensions = 3072';
    return null;
end
$fn$;

do $$
declare
    missing text := llmops_pgvector_prepare();
begin
    if missing is null then
        raise notice 'pgvector segment index ready';
    else
        raise notice 'pgvector segment index not created (only needed with llmops.knowledge.index=pgvector): %', missing;
    end if;
end
$$;
