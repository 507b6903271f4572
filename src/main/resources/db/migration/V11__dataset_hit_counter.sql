-- A dataset's hit count, kept on its row instead of summed over every segment at each read (tens of
-- milliseconds at 100k segments, once per listed dataset). It means what the sum meant: the hit counts
-- of the segments of the dataset's live (not deleted) documents. Hit tests add to it in the same
-- transaction that adds to the segments (DatasetStore.writeHits); the triggers below take away what a
-- deleted document or segment carried, whichever code path deletes it (the API, a retried ingestion,
-- the clean-up timer), so the counter cannot drift from the sum.
alter table dataset add column hit_count bigint not null default 0;

update dataset ds set hit_count = s.hits
from (select s.dataset_id, sum(s.hit_count) hits from segment s join document d on d.id = s.document_id
      where d.deleted_at is null group by s.dataset_id) s
where ds.id = s.dataset_id;

-- A document deleted (softly): its segments' hits no longer count. The deleting transaction holds the
-- document's row lock, and hit writers take a share lock on the documents of the segments they count,
-- so the sum below sees every hit counted on the dataset for this document.
create function llmops_document_deleted_hits() returns trigger language plpgsql as $$
begin
    update dataset set hit_count = hit_count
        - (select coalesce(sum(s.hit_count), 0) from segment s where s.document_id = new.id)
    where id = new.dataset_id;
    return null;
end $$;

create trigger document_deleted_hits after update of deleted_at on document
    for each row when (old.deleted_at is null and new.deleted_at is not null)
    execute function llmops_document_deleted_hits();

-- Segments deleted while their document is live (a segment deleted through the API, an errored
-- document's partial segments dropped for a retry): their hits no longer count. Segments of deleted
-- documents (the clean-up timer's purge) were taken away when their document was deleted.
create function llmops_segments_deleted_hits() returns trigger language plpgsql as $$
begin
    update dataset ds set hit_count = ds.hit_count - gone.hits
    from (select o.dataset_id, sum(o.hit_count) hits from deleted_segments o
          join document d on d.id = o.document_id and d.deleted_at is null
          where o.hit_count > 0 group by o.dataset_id) gone
    where ds.id = gone.dataset_id;
    return null;
end $$;

create trigger segments_deleted_hits after delete on segment
    referencing old table as deleted_segments
    for each statement execute function llmops_segments_deleted_hits();
