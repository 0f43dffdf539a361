-- Local accounts (libs/accounts): sign-in with login name and password for counties without an identity provider.
-- Passwords are Argon2id hashes (PHC strings); sessions are kept by the SHA-256 of their cookie value, so a copy of
-- this table signs nobody in.
CREATE TABLE IF NOT EXISTS local_accounts (
  login                text        PRIMARY KEY CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  display_name         text        NOT NULL,
  role                 text        NOT NULL CHECK (role IN ('department', 'finance', 'supervisor', 'admin')),
  department           text        CHECK ((role = 'department') = (department IS NOT NULL)),
  password_hash        text        NOT NULL,
  -- A one-time password (first administrator, new user, reset): signs in once, then the user must choose their own.
  one_time_password    boolean     NOT NULL,
  one_time_used        boolean     NOT NULL DEFAULT false,
  disabled_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  created_by           text        NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at      timestamptz
);

CREATE TABLE IF NOT EXISTS local_account_sessions (
  id_hash       text        PRIMARY KEY,
  login         text        NOT NULL REFERENCES local_accounts (login) ON DELETE CASCADE,
  csrf_token    text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  client_address text       NOT NULL
);
CREATE INDEX IF NOT EXISTS local_account_sessions_login ON local_account_sessions (login);

-- Failed sign-ins per login name, known or not (a lock that only existing names get would tell which exist).
CREATE TABLE IF NOT EXISTS local_sign_in_failures (
  login         text        PRIMARY KEY,
  failures      int         NOT NULL,
  locked_until  timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);

-- Every sign-in, sign-out, lock and account change goes to the security events beside failed logins and refusals.
ALTER TABLE security_events DROP CONSTRAINT IF EXISTS security_events_kind_check;
ALTER TABLE security_events ADD CONSTRAINT security_events_kind_check CHECK (kind IN (
  'LOGIN_FAILED', 'ACTION_REFUSED',
  'SIGNED_IN', 'SIGNED_OUT', 'ACCOUNT_LOCKED', 'PASSWORD_CHANGED',
  'ADMIN_CREATED', 'USER_CREATED', 'PASSWORD_RESET', 'USER_DISABLED', 'USER_ENABLED'
));
