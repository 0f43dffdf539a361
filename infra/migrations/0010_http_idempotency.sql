-- Idempotency-Key on POST: the first answer to a (caller, key) is kept and replayed; another body is refused.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  caller        text        NOT NULL,
  key           text        NOT NULL,
  fingerprint   text        NOT NULL,
  status_code   int,
  response_body jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  PRIMARY KEY (caller, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);
