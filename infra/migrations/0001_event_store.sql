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

-- One round trip per append: check the expected version, bump the stream, insert the events
-- (and optionally notify; off by default because a NOTIFY inside the write serialises all commits).
-- p_expected: 'any' | 'no-stream' | 'stream-exists' | a decimal version.
-- p_events: JSON array of {"id","type","typeVersion","data"}.
-- Raises SQLSTATE BF409 with a JSON DETAIL {stream, expected, actual} on a version mismatch.
CREATE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb, p_metadata jsonb, p_notify boolean DEFAULT false)
RETURNS TABLE (next_version integer, last_position bigint, tx_id xid8)
LANGUAGE plpgsql AS $$
DECLARE
  v_current  integer;
  v_exists   boolean;
  v_count    integer := jsonb_array_length(p_events);
  v_position bigint;
  v_ok       boolean;
BEGIN
  LOOP
    SELECT s.version INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    v_exists := FOUND;
    IF NOT v_exists THEN
      v_current := 0;
    END IF;

    IF p_expected = 'any' THEN
      v_ok := true;
    ELSIF p_expected = 'no-stream' THEN
      v_ok := NOT v_exists;
    ELSIF p_expected = 'stream-exists' THEN
      v_ok := v_exists;
    ELSIF p_expected ~ '^[0-9]{1,9}$' THEN
      v_ok := v_current = p_expected::integer;
    ELSE
      RAISE EXCEPTION 'invalid expected version %', p_expected USING ERRCODE = '22023';
    END IF;

    IF NOT v_ok THEN
      RAISE EXCEPTION 'wrong expected version for stream %: expected %, actual %', p_stream_id, p_expected, v_current
        USING ERRCODE = 'BF409',
              DETAIL = json_build_object('stream', p_stream_id, 'expected', p_expected, 'actual', v_current)::text;
    END IF;

    IF v_count = 0 THEN
      RETURN QUERY SELECT v_current, 0::bigint, '0'::xid8;
      RETURN;
    END IF;

    IF v_exists THEN
      UPDATE streams SET version = v_current + v_count WHERE stream_id = p_stream_id;
      EXIT;
    END IF;
    INSERT INTO streams (stream_id, version) VALUES (p_stream_id, v_count) ON CONFLICT (stream_id) DO NOTHING;
    EXIT WHEN FOUND;
    -- Another writer created the stream after our read and has committed: re-read it under lock, re-check.
  END LOOP;

  WITH inserted AS (
    INSERT INTO events (stream_id, stream_version, event_id, type, type_version, data, metadata)
    SELECT p_stream_id, v_current + e.ord::integer, (e.value ->> 'id')::uuid, e.value ->> 'type',
           COALESCE((e.value ->> 'typeVersion')::integer, 1), COALESCE(e.value -> 'data', 'null'::jsonb), p_metadata
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
    ORDER BY e.ord
    RETURNING global_position
  )
  SELECT max(global_position) INTO v_position FROM inserted;

  IF p_notify THEN
    -- Wakes live subscribers at commit; they still apply the commit-safe (xmin) rule when reading.
    PERFORM pg_notify('bf_events_' || current_schema(), '');
  END IF;

  RETURN QUERY SELECT v_current + v_count, v_position, pg_current_xact_id();
END
$$;
