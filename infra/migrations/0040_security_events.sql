-- Security events beside the event log: failed logins (no, malformed or invalid token) and refused actions (403).
-- Never the token: the reason, the caller's address, the request id and, for refusals, who was refused.
CREATE TABLE IF NOT EXISTS security_events (
  id             bigserial   PRIMARY KEY,
  kind           text        NOT NULL CHECK (kind IN ('LOGIN_FAILED', 'ACTION_REFUSED')),
  reason         text        NOT NULL,
  status         int         NOT NULL,
  method         text        NOT NULL,
  path           text        NOT NULL,
  request_id     text        NOT NULL,
  client_address text        NOT NULL,
  user_id        text,
  role           text,
  department     text,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS security_events_recorded_at ON security_events (recorded_at);
CREATE INDEX IF NOT EXISTS security_events_user ON security_events (user_id, recorded_at);

