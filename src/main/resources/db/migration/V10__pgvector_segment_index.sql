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
declare
    idx_name text;
    idx_definition text;
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
            when others then
                return 'the pgvector extension could not be created in database ' || current_database()
                    || ' (' || sqlerrm || '): a superuser must run CREATE EXTENSION vector; in that database';
        end;
    end if;
    -- 0.8.0 brought iterative index scans, without which a filtered HNSW search can come back short
    if (select string_to_array(split_part(extversion, '-', 1), '.')::int[] < '{0,8,0}'
        from pg_extension where extname = 'vector') then
        return 'pgvector ' || (select extversion from pg_extension where extname = 'vector')
            || ' is too old (0.8.0 or newer is needed): install a newer one, then ALTER EXTENSION vector UPDATE;';
    end if;
    -- a failure here must not fail the migration of a server that does not use pgvector: say why instead.
    -- Each statement runs only when its object is missing: CREATE INDEX IF NOT EXISTS would still take a
    -- share lock on the table, holding up other instances' writes while one instance starts.
    begin
        if to_regclass('pgvector_segment') is null then
            execute $ddl$
                create table pgvector_segment (
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
            -- fresh statistics soon after a bulk rebuild: with none the planner takes a large dataset for a
            -- tiny one and scans it exactly (measured: 650 ms instead of 9 ms at 10k x 384-d)
            execute 'alter table pgvector_segment set (autovacuum_analyze_scale_factor = 0.02,'
                || ' autovacuum_analyze_threshold = 1000)';
        end if;
        for idx_name, idx_definition in values
            ('pgvector_segment_dataset_idx', 'btree (dataset_id, workspace_id)'),
            ('pgvector_segment_document_idx', 'btree (document_id)'),
            ('pgvector_segment_search_idx', 'gin (search)'),
            ('pgvector_segment_hnsw_384_idx', 'hnsw ((embedding::vector(384)) vector_cosine_ops) where dimensions = 384'),
            ('pgvector_segment_hnsw_768_idx', 'hnsw ((embedding::vector(768)) vector_cosine_ops) where dimensions = 768'),
            ('pgvector_segment_hnsw_1024_idx', 'hnsw ((embedding::vector(1024)) vector_cosine_ops) where dimensions = 1024'),
            ('pgvector_segment_hnsw_1536_idx', 'hnsw ((embedding::vector(1536)) vector_cosine_ops) where dimensions = 1536'),
            ('pgvector_segment_hnsw_3072_idx', 'hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops) where dimensions = 3072')
        loop
            if to_regclass(idx_name) is null then
                execute 'create index ' || idx_name || ' on pgvector_segment using ' || idx_definition;
            end if;
        end loop;
    exception
        when others then
            return 'the pgvector index table could not be created (' || sqlerrm || ')';
    end;
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
