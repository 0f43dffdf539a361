-- Event store: the append-only log, stream versions, projection bookkeeping.
-- Unqualified names: the migration runner sets search_path to the target schema.

CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  -- Commit-safe order: readers only see transactions older than the oldest running one
  -- (pg_snapshot_xmin), ordered by (transaction_id, global_position); a bare sequence would
  -- skip an event whose transaction commits late.
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL,
  event_id        uuid        NOT NULL UNIQUE,
  type            text        NOT NULL,
  type_version    integer     NOT NULL DEFAULT 1,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  -- Storage time (database clock); the caller's decision time lives in metadata.recordedAt.
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);
CREATE INDEX events_commit_order_idx ON events (transaction_id, global_position);

-- One row per stream, locked by appends: serialises writers of one stream, never of different ones.
CREATE TABLE streams (
  stream_id text    PRIMARY KEY,
  version   integer NOT NULL
);

CREATE TABLE projection_checkpoints (
  name            text        PRIMARY KEY,
  transaction_id  xid8        NOT NULL DEFAULT '0',
  global_position bigint      NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Which version of a projection's tables serves reads; a rebuild fills building_version, then switches.
CREATE TABLE projection_versions (
  name             text        PRIMARY KEY,
  active_version   integer     NOT NULL,
  building_version integer,
  tables           text[]      NOT NULL DEFAULT '{}',
  switched_at      timestamptz NOT NULL DEFAULT now()
);

-- Appends are one statement each (libs/event-store/src/postgres/append-sql.ts): the stream row above is
-- written according to the expected version and the events are numbered from it, in one round trip.
