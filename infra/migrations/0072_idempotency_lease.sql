-- An in-progress Idempotency-Key holds a lease: a request that died with its process no longer blocks the key
-- forever; once the lease has run out a retry with the same body takes the key over (claim changes hands, so
-- the late original can no longer write its answer over the new one).
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz;
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS claim text;
