-- Snapshots of a session can arrive out of order (retries, several nodes): keep only the newest.
ALTER TABLE chat_sessions ADD COLUMN rev bigint NOT NULL DEFAULT 0;
