-- Document ingestion (issue 5 items 3-4): the batch job keeps its progress in the document row (V8);
-- these indexes serve the reconciler, which relaunches documents still to be ingested whose heartbeat
-- went stale, and the batch progress view.
create index document_unfinished_idx on document (heartbeat_at)
    where deleted_at is null and status in ('waiting', 'parsing', 'splitting', 'indexing');
create index document_batch_idx on document (dataset_id, batch) where batch is not null;
