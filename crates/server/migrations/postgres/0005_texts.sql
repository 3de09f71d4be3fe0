-- What a search inside flows reads (the model's `flow_texts`): one row per step, description,
-- tag list and diagram note, written with the flow in one transaction. `folded` is the text
-- case folded by the server, so both engines match alike; a pg_trgm index serves
-- `folded LIKE '%…%'` without reading every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE routing_schema_text (
    id         BIGSERIAL PRIMARY KEY,
    schema_id  BIGINT  NOT NULL REFERENCES routing_schema (id) ON DELETE CASCADE,
    domain_id  BIGINT  NOT NULL,
    position   BIGINT  NOT NULL,
    source     TEXT COLLATE "C"  NOT NULL,
    place      TEXT COLLATE "C"  NOT NULL,
    app        TEXT COLLATE "C"  NOT NULL,
    body       TEXT COLLATE "C"  NOT NULL,
    folded     TEXT COLLATE "C"  NOT NULL
);
CREATE INDEX routing_schema_text_flow ON routing_schema_text (schema_id);
CREATE INDEX routing_schema_text_folded ON routing_schema_text USING gin (folded gin_trgm_ops);

-- One version for everything the server derives from a flow (references, texts): raised when
-- what it derives changes, so the server writes each flow's rows again when it starts.
ALTER TABLE routing_schema RENAME COLUMN references_version TO derived_version;
CREATE INDEX routing_schema_derived ON routing_schema (derived_version);
