package io.llmops.knowledge.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Where uploaded bytes live, addressed by keys the server makes (never from a user's file name):
 * the local file system by default ({@link LocalFileStorage}); an object store fits the same three calls.
 */
public interface FileStorage {

    /** Keys are lower-case letters, digits, '-' and '_', in '/'-separated segments. */
    Pattern KEY = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*");

    /** Stores (or replaces) the object under {@code key}, all or nothing. */
    void put(String key, InputStream content) throws IOException;

    /** The object's bytes; the caller closes the stream. @throws java.nio.file.NoSuchFileException when absent */
    InputStream get(String key) throws IOException;

    /** Removes the object; absent is fine. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid storage key: " + key);
        }
        return key;
    }
}
