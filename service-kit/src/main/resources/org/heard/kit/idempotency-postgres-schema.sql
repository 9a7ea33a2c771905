-- Idempotency keys: the answer to a POST made with an Idempotency-Key, replayed to retries of the same request.
-- Only a hash of the request is kept, never its body; answers hold ids, never personal data. A row is written in the
-- same transaction as the request's effects, so a committed row always holds a final answer (status 0 is left only
-- by earlier versions). Expired rows are deleted oldest first through idempotency_key_created. Safe at every start.
CREATE TABLE IF NOT EXISTS idempotency_key (
    caller       VARCHAR(200) NOT NULL,
    key          VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    status       INTEGER      NOT NULL,
    content_type VARCHAR(200),
    location     VARCHAR(500),
    body         BYTEA,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX IF NOT EXISTS idempotency_key_created ON idempotency_key (created_at);
