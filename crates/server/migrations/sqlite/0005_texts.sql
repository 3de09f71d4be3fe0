-- What a search inside flows reads (the model's `flow_texts`): one row per step, description,
-- tag list and diagram note, written with the flow in one transaction. `folded` is the text
-- case folded by the server, so both engines match alike; FTS5's trigram index finds the rows
-- holding a text of three characters or more without reading them all.
CREATE TABLE routing_schema_text (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    schema_id  BIGINT  NOT NULL REFERENCES routing_schema (id) ON DELETE CASCADE,
    domain_id  BIGINT  NOT NULL,
    position   BIGINT  NOT NULL,
    source     TEXT    NOT NULL,
    place      TEXT    NOT NULL,
    app        TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    folded     TEXT    NOT NULL
);
CREATE INDEX routing_schema_text_flow ON routing_schema_text (schema_id);
CREATE VIRTUAL TABLE routing_schema_text_index USING fts5 (
    folded, content = 'routing_schema_text', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
);
CREATE TRIGGER routing_schema_text_added AFTER INSERT ON routing_schema_text BEGIN
    INSERT INTO routing_schema_text_index (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER routing_schema_text_removed AFTER DELETE ON routing_schema_text BEGIN
    INSERT INTO routing_schema_text_index (routing_schema_text_index, rowid, folded)
        VALUES ('delete', old.id, old.folded);
END;

-- One version for everything the server derives from a flow (references, texts): raised when
-- what it derives changes, so the server writes each flow's rows again when it starts.
ALTER TABLE routing_schema RENAME COLUMN references_version TO derived_version;
CREATE INDEX routing_schema_derived ON routing_schema (derived_version);

-- "Who uses" pages by the using flow's name without sorting every use: each use carries that
-- flow's case-folded name (kept on rename), and the index reads them in order.
ALTER TABLE routing_schema_reference ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
DROP INDEX routing_schema_reference_use;
CREATE INDEX routing_schema_reference_use ON routing_schema_reference (domain_id, kind, key, name_key, schema_id, position);
