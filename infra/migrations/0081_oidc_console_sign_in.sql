-- The console's sign-in through the OIDC issuer (libs/accounts/src/oidc): authorization requests waiting for their
-- callback (state → nonce and PKCE verifier, one use, ten minutes) and the sessions they start. The session holds
-- who the ID token said the user is; the cookie value is kept as its SHA-256 only.
CREATE TABLE IF NOT EXISTS oidc_authorization_requests (
  state          text        PRIMARY KEY,
  nonce          text        NOT NULL,
  code_verifier  text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS oidc_sessions (
  id_hash        text        PRIMARY KEY,
  user_id        text        NOT NULL,
  role           text        NOT NULL CHECK (role IN ('department', 'finance', 'supervisor', 'admin')),
  department     text        CHECK ((role = 'department') = (department IS NOT NULL)),
  display_name   text        NOT NULL,
  csrf_token     text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS oidc_sessions_user ON oidc_sessions (user_id);
