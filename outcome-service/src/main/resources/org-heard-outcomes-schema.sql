-- outcome-service's read models, kept in step with the event store in the same transaction (subscribing handlers).
CREATE TABLE IF NOT EXISTS framework_version (
    framework_id VARCHAR(100) NOT NULL,
    version      INTEGER      NOT NULL,
    name         VARCHAR(200) NOT NULL,
    purpose      VARCHAR(40)  NOT NULL,
    scoring_rule VARCHAR(40)  NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    items        TEXT         NOT NULL,
    PRIMARY KEY (framework_id, version)
);

-- The cases outcome-service has seen in its own records: systemic issues link only to these.
CREATE TABLE IF NOT EXISTS known_case (
    case_id VARCHAR(64) NOT NULL PRIMARY KEY
);
