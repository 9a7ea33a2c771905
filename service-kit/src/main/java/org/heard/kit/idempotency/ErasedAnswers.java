package org.heard.kit.idempotency;

import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasure's part in the idempotency store: kept answers whose body or location names the erased person or one of
 * their cases are deleted (in the transaction that records the erasure), so that a retry after erasure cannot bring
 * them back. Answers that name only other records (an outcome's or goal's id) stay until they expire.
 */
public final class ErasedAnswers {

    private ErasedAnswers() {
    }

    /** Deletes every kept answer naming one of these ids (UUIDs); returns how many. */
    public static int forget(JdbcTemplate jdbc, Collection<String> ids) {
        int deleted = 0;
        for (String id : ids) {
            if (id == null || !id.matches("[0-9a-fA-F-]{36}")) {
                continue; // only ids go into the pattern
            }
            deleted += jdbc.update("delete from idempotency_key where location like ?"
                    + " or position(convert_to(?, 'UTF8') in coalesce(body, ''::bytea)) > 0", "%" + id + "%", id);
        }
        return deleted;
    }
}
