-- Failed sign-ins, by user and by client address, for throttling guessing: in the database so
-- that every server behind a balancer counts the same attempts.
CREATE TABLE login_failure (
    subject TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX login_failure_subject ON login_failure (subject, failed_at);
