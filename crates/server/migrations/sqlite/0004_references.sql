-- What each flow uses outside itself (the model's `references`), written with the flow in one
-- transaction: "who uses queue 12" is one indexed lookup. `references_version` says which
-- reading of the catalog wrote a flow's rows; the server rewrites the rows of every flow below
-- the current one when it starts (all of them, the first time).
CREATE TABLE routing_schema_reference (
    schema_id  BIGINT  NOT NULL REFERENCES routing_schema (id) ON DELETE CASCADE,
    domain_id  BIGINT  NOT NULL,
    position   BIGINT  NOT NULL,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    app        TEXT    NOT NULL
);
CREATE INDEX routing_schema_reference_use ON routing_schema_reference (domain_id, kind, key, schema_id);
CREATE INDEX routing_schema_reference_flow ON routing_schema_reference (schema_id);
ALTER TABLE routing_schema ADD COLUMN references_version BIGINT NOT NULL DEFAULT 0;
