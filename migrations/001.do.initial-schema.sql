-- Durable metadata only. No message text (except flag excerpts), no IP, user agent or token (PRIV1-2).

CREATE TABLE staff (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('specialist', 'moderator', 'admin')),
  topics        text[] NOT NULL DEFAULT '{}',
  password_hash text,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One-time invites, stored as a hash of the invite token.
CREATE TABLE invites (
  token_hash  text PRIMARY KEY,
  staff_id    uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_staff_idx ON invites (staff_id);

CREATE TABLE shifts (
  id          uuid PRIMARY KEY,
  staff_id    uuid NOT NULL REFERENCES staff (id),
  capacity    smallint NOT NULL CHECK (capacity BETWEEN 1 AND 5),
  topics      text[] NOT NULL DEFAULT '{}',
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz
);
CREATE INDEX shifts_staff_idx ON shifts (staff_id, started_at);

-- Session metadata: never message text.
CREATE TABLE chat_sessions (
  id                   uuid PRIMARY KEY,
  topic                text,
  language             text,
  specialist_id        uuid REFERENCES staff (id),
  requested_at         timestamptz NOT NULL,
  matched_at           timestamptz,
  ended_at             timestamptz,
  wait_ms              integer,
  duration_ms          integer,
  ended_by             text CHECK (ended_by IN ('seeker', 'specialist', 'moderator', 'system')),
  end_reason           text,
  seeker_messages      integer NOT NULL DEFAULT 0,
  specialist_messages  integer NOT NULL DEFAULT 0,
  transfers            integer NOT NULL DEFAULT 0,
  switches             integer NOT NULL DEFAULT 0,
  rating               smallint CHECK (rating BETWEEN 1 AND 5),
  feedback             text
);
CREATE INDEX chat_sessions_requested_idx ON chat_sessions (requested_at);
CREATE INDEX chat_sessions_specialist_idx ON chat_sessions (specialist_id, requested_at);

-- Flags keep an excerpt (the flagged message and up to 5 before it, as delivered) until retention deletes it.
CREATE TABLE flags (
  id               uuid PRIMARY KEY,
  session_id       uuid NOT NULL,
  message_id       text,
  source           text NOT NULL CHECK (source IN ('report', 'escalation', 'hook')),
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  reason           text NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  excerpt          jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at      timestamptz,
  resolved_by      uuid REFERENCES staff (id),
  resolution       text,
  resolution_note  text
);
CREATE INDEX flags_status_idx ON flags (status, created_at);

-- Append-only log of staff actions.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text,
  detail       jsonb NOT NULL DEFAULT '{}'
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
