package io.llmops.ops.control;

/** The scheduled clean-ups; each has its own PostgreSQL advisory lock key, so they never wait for one another. */
public enum CleanupJob {

    /** Uploads no document or icon took up within their time to live: their stored bytes and rows. */
    UNUSED_UPLOADS("unused_uploads"),
    /** Deleted datasets and documents: segments, rows, index entries and the uploads only they used. */
    DELETED_KNOWLEDGE("deleted_knowledge"),
    /** Debug-chat conversations past their retention, with their messages and agent thoughts. */
    DEBUG_CONVERSATIONS("debug_conversations");

    /** "llmops" in the high six bytes: keeps our advisory locks apart from any other application's on the database. */
    static final long LOCK_SPACE = 0x6c6c_6d6f_7073_0000L;

    private final String id;

    CleanupJob(String id) {
        this.id = id;
    }

    /** The job's name in health data and metric tags. */
    public String id() {
        return id;
    }

    /** The key of {@code pg_try_advisory_xact_lock(bigint)} that keeps two instances from running the job at once. */
    public long lockKey() {
        return LOCK_SPACE | (ordinal() + 1);
    }
}
