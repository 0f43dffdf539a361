-- Spending-plan reminders (issue 6): settings, contacts, webhooks, the in-app inbox and the delivery ledger.
-- The plan itself (which projects have which checkpoints) is the `reminder_plan` projection over budget events.

-- Channel settings and lead times (one row; finance and admins change it through the API).
CREATE TABLE IF NOT EXISTS reminder_settings (
  id              int         PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  lead_days       jsonb       NOT NULL DEFAULT '[10, 3]',
  confirm_on_plan boolean     NOT NULL DEFAULT false,
  inbox_enabled   boolean     NOT NULL DEFAULT true,
  email_enabled   boolean     NOT NULL DEFAULT true,
  webhook_enabled boolean     NOT NULL DEFAULT true,
  updated_by      text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Email recipients: department contacts (audience `department:<code>`), the finance bureau, supervisors.
CREATE TABLE IF NOT EXISTS notification_contacts (
  id         text        PRIMARY KEY,
  audience   text        NOT NULL,
  name       text        NOT NULL,
  email      text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (audience, email)
);

-- Webhook subscribers per audience; the secret signs each body with HMAC-SHA256.
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  id         text        PRIMARY KEY,
  audience   text        NOT NULL,
  url        text        NOT NULL,
  secret     text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (audience, url)
);

-- The in-app inbox: one notice per reminder and audience.
CREATE TABLE IF NOT EXISTS notifications (
  id           bigserial   PRIMARY KEY,
  reminder_key text        NOT NULL,
  audience     text        NOT NULL,
  kind         text        NOT NULL,
  title        text        NOT NULL,
  body         text        NOT NULL,
  figures      jsonb       NOT NULL,
  created_at   timestamptz NOT NULL,
  UNIQUE (reminder_key, audience)
);
CREATE INDEX IF NOT EXISTS notifications_audience ON notifications (audience, id DESC);

CREATE TABLE IF NOT EXISTS notification_reads (
  notification_id bigint      NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  user_id         text        NOT NULL,
  read_at         timestamptz NOT NULL,
  PRIMARY KEY (notification_id, user_id)
);

-- The delivery ledger: BullMQ delivers at least once; the unique (reminder key, channel, recipient) makes each
-- reminder take effect once per recipient and channel. Webhook rows also carry their retry state.
CREATE TABLE IF NOT EXISTS reminder_deliveries (
  reminder_key    text        NOT NULL,
  channel         text        NOT NULL CHECK (channel IN ('inbox', 'email', 'webhook')),
  recipient       text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('sending', 'delivered', 'retrying', 'dead')),
  idempotency_key text        NOT NULL,
  payload         jsonb       NOT NULL,
  attempts        int         NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz,
  delivered_at    timestamptz,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (reminder_key, channel, recipient)
);
CREATE INDEX IF NOT EXISTS reminder_deliveries_pending ON reminder_deliveries (status) WHERE status IN ('retrying', 'dead');

-- Jobs that have fired (whatever they decided): the planner never schedules them again.
CREATE TABLE IF NOT EXISTS reminder_firings (
  job_id   text        PRIMARY KEY,
  outcome  text        NOT NULL,
  fired_at timestamptz NOT NULL
);
