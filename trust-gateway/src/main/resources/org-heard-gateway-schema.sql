-- trust-gateway's own tables, beside Axon's event store (the outbox of its events). Safe to run at every start.

-- The durable inbox: every message a trust sent that the gateway accepted, acknowledged only once its row is
-- committed. De-duplicated by sender and the sender's message id; applied strictly in the order received. The body
-- (the notice, sealed with an envelope key under the master key) is personal data and is deleted once applied.
CREATE TABLE IF NOT EXISTS inbox_message (
    id              BIGSERIAL    PRIMARY KEY,
    sender          VARCHAR(200) NOT NULL,
    message_id      VARCHAR(250) NOT NULL,
    protocol        VARCHAR(10)  NOT NULL,
    message_type    VARCHAR(40)  NOT NULL,
    content_hmac    VARCHAR(64)  NOT NULL,
    body            BYTEA,
    received_at     TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(12)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    outcome         VARCHAR(200),
    applied_at      TIMESTAMPTZ,
    CONSTRAINT inbox_message_sender_message UNIQUE (sender, message_id)
);
CREATE INDEX IF NOT EXISTS inbox_message_pending ON inbox_message (id) WHERE status = 'PENDING';

-- Who is who: keyed HMACs of a person's identifiers (NHS number; a trust's own hospital numbers), never the
-- identifiers themselves, and the person's pseudonymous id in Heard. A merge points the merged person's identifiers
-- at the survivor. Deleted on erasure.
CREATE TABLE IF NOT EXISTS trust_identity (
    identifier_hmac VARCHAR(64) NOT NULL PRIMARY KEY,
    person_id       VARCHAR(64) NOT NULL
);
CREATE INDEX IF NOT EXISTS trust_identity_person ON trust_identity (person_id);

-- Automatic IMHA referrals still to be opened in case-service (written in the same transaction as the qualifying
-- episode that asks for them), and what case-service answered.
CREATE TABLE IF NOT EXISTS referral_request (
    qualifying_episode_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id             VARCHAR(64)  NOT NULL,
    requested_seq         BIGSERIAL,
    legal_status_code     VARCHAR(2)   NOT NULL,
    started_at            TIMESTAMPTZ  NOT NULL,
    notified_at           TIMESTAMPTZ  NOT NULL,
    organisation          VARCHAR(20)  NOT NULL,
    status                VARCHAR(12)  NOT NULL,
    case_id               VARCHAR(64),
    outcome               VARCHAR(200),
    attempts              INT          NOT NULL DEFAULT 0
);

-- What the gateway may share with trusts (read from heard.outcome.v1 and heard.case.v1): published framework
-- versions with their items, completed assessments, and each person's consent to sharing with the trust.
CREATE TABLE IF NOT EXISTS shared_framework (
    framework_id  VARCHAR(100) NOT NULL,
    version       INT          NOT NULL,
    name          VARCHAR(200),
    status        VARCHAR(12)  NOT NULL,
    published_on  DATE,
    PRIMARY KEY (framework_id, version)
);
CREATE TABLE IF NOT EXISTS shared_framework_item (
    framework_id   VARCHAR(100) NOT NULL,
    version        INT          NOT NULL,
    item_id        VARCHAR(100) NOT NULL,
    wording        VARCHAR(2000) NOT NULL,
    scale_min      INT          NOT NULL,
    scale_max      INT          NOT NULL,
    subscale       VARCHAR(100),
    draft_revision INT          NOT NULL,
    position       BIGSERIAL,
    PRIMARY KEY (framework_id, version, item_id)
);
CREATE TABLE IF NOT EXISTS shared_assessment (
    assessment_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    person_id         VARCHAR(64)  NOT NULL,
    framework_id      VARCHAR(100) NOT NULL,
    framework_version INT          NOT NULL,
    timepoint         VARCHAR(20)  NOT NULL,
    completed_on      DATE         NOT NULL,
    score             NUMERIC,
    responses         TEXT         NOT NULL,
    subscales         TEXT         NOT NULL
);
CREATE INDEX IF NOT EXISTS shared_assessment_person ON shared_assessment (person_id);
CREATE TABLE IF NOT EXISTS sharing_consent (
    person_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    given       BOOLEAN     NOT NULL,
    event_time  TIMESTAMPTZ NOT NULL,
    erased      BOOLEAN     NOT NULL DEFAULT FALSE
);
