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

-- "Who uses" pages by the using flow's name without sorting every use: each use carries that
-- flow's case-folded name (kept on rename), and the index reads them in order.
ALTER TABLE routing_schema_reference ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX routing_schema_reference_use;
CREATE INDEX routing_schema_reference_use ON routing_schema_reference (domain_id, kind, key, name_key, schema_id, position);
