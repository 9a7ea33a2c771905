-- Idempotency keys: the answer to a POST made with an Idempotency-Key, replayed to retries of the same request.
-- Only a hash of the request is kept, never its body; answers hold ids, never personal data.
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
