-- TIKETI's own grain storage (Tiketi.Silo/Storage): grain state in a binary, versioned format and the
-- grain journal, written by the silo's group committer. Every row belongs to one cluster's ServiceId.
-- orleansstorage (0002) stays: rows earlier versions wrote there are read once, on a miss here, and
-- deleted when the grain's next write lands here (docs/operations.md).

-- One row per grain state. version is the ETag: a write names version + 1 and lands only over the
-- version its writer read. A cleared state keeps its row with a NULL payload, so versions keep counting.
CREATE TABLE tiketi_grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     bigint      NOT NULL,
    payload     bytea,
    modified_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tiketi_grain_state_pkey PRIMARY KEY (service_id, state_name, grain_id)
)
-- Rows are rewritten all day without touching the key: room on the page keeps updates in place (HOT).
WITH (fillfactor = 80);

-- A journal's latest snapshot: it stands for every record numbered below sequence.
CREATE TABLE tiketi_journal_snapshot
(
    service_id  text        NOT NULL,
    journal_id  text        NOT NULL,
    sequence    bigint      NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tiketi_journal_snapshot_pkey PRIMARY KEY (service_id, journal_id)
);

-- A journal's records after its snapshot, numbered without gaps; the key is also the load order.
CREATE TABLE tiketi_journal_record
(
    service_id text   NOT NULL,
    journal_id text   NOT NULL,
    sequence   bigint NOT NULL,
    payload    bytea  NOT NULL,
    CONSTRAINT tiketi_journal_record_pkey PRIMARY KEY (service_id, journal_id, sequence)
);
