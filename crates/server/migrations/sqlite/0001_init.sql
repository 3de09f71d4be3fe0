-- Flags (editor, debug, is_admin) are BIGINT 0/1: the shared `Any` driver reads no SQLite booleans.
-- Accounts: domains (tenants), users with schema permissions, hashed access tokens.
CREATE TABLE domain (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    domain_id     BIGINT  NOT NULL REFERENCES domain (id) ON DELETE CASCADE,
    username      TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    permissions   BIGINT  NOT NULL,
    is_admin      BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    UNIQUE (domain_id, username)
);

CREATE TABLE access_token (
    token_hash  TEXT    PRIMARY KEY,
    user_id     BIGINT  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX access_token_user ON access_token (user_id);

-- Flows. `name_key` is the case-folded name that makes names unique per domain.
CREATE TABLE routing_schema (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    domain_id    BIGINT  NOT NULL REFERENCES domain (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    name_key     TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    type         TEXT    NOT NULL,
    editor       BIGINT  NOT NULL,
    schema       TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    debug        BIGINT  NOT NULL,
    version      BIGINT  NOT NULL,
    note         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    created_by   BIGINT  REFERENCES app_user (id) ON DELETE SET NULL,
    updated_at   BIGINT  NOT NULL,
    updated_by   BIGINT  REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX routing_schema_name_unique ON routing_schema (domain_id, name_key);
CREATE INDEX routing_schema_type_name ON routing_schema (domain_id, type, name_key, id);
CREATE INDEX routing_schema_created ON routing_schema (domain_id, created_at, id);
CREATE INDEX routing_schema_updated ON routing_schema (domain_id, updated_at, id);

CREATE TABLE routing_schema_tag (
    schema_id  BIGINT  NOT NULL REFERENCES routing_schema (id) ON DELETE CASCADE,
    domain_id  BIGINT  NOT NULL,
    name       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL,
    position   BIGINT  NOT NULL,
    PRIMARY KEY (schema_id, name)
);
CREATE INDEX routing_schema_tag_name ON routing_schema_tag (domain_id, name, schema_id);
CREATE INDEX routing_schema_tag_key ON routing_schema_tag (domain_id, name_key);

-- Earlier contents of a flow, newest with the highest version.
CREATE TABLE routing_schema_version (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    schema_id   BIGINT  NOT NULL REFERENCES routing_schema (id) ON DELETE CASCADE,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    created_by  BIGINT  REFERENCES app_user (id) ON DELETE SET NULL,
    schema      TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    UNIQUE (schema_id, version)
);
