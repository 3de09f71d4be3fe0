-- When and by whom a flow's current schema and payload were saved. A rename or any other change
-- that keeps them moves only updated_at/updated_by, so the version this content later becomes is
-- credited to its author and save time, not to whoever touched the flow last.
ALTER TABLE routing_schema ADD COLUMN content_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE routing_schema ADD COLUMN content_by BIGINT REFERENCES app_user (id) ON DELETE SET NULL;
UPDATE routing_schema SET content_at = updated_at, content_by = updated_by;
