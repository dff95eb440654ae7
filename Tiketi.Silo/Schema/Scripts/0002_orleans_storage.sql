-- Orleans ADO.NET grain storage on PostgreSQL (every named provider: "Default", "PubSubStore", ...).
-- A grain's row is found by its hashes first (cheap to index), then confirmed by the full key.
-- The version column is the grain state's etag: a write names the version it read (@GrainStateVersion,
-- NULL when it read nothing), succeeds only if that is still current, and returns the new version.
-- Returning no version tells the provider the write lost a race (InconsistentStateException).

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    -- NULL extensions are stored as '' so that one plain unique key covers every grain key shape.
    grainidextensionstring text        NOT NULL DEFAULT '',
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL,
    CONSTRAINT orleansstorage_grain_key UNIQUE
        (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, grainidextensionstring)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadFromStorageKey', $$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
$$),

-- Known version: update that row and bump it. No version: insert version 1, unless another
-- activation got there first (the unique key turns that into "no row returned").
('WriteToStorageKey', $$
WITH updated AS (
    UPDATE orleansstorage
    SET payloadbinary = @PayloadBinary, version = version + 1, modifiedon = now()
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version),
inserted AS (
    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
         serviceid, payloadbinary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           coalesce(@GrainIdExtensionString, ''), @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleansstorage_grain_key DO NOTHING
    RETURNING version)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted
$$),

-- Clearing keeps the row (and its version history) with no payload.
('ClearStorageKey', $$
UPDATE orleansstorage
SET payloadbinary = NULL, version = version + 1, modifiedon = now()
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version
$$),

-- Used when DeleteStateOnClear is set; the provider expects the deleted version + 1 back.
('DeleteStorageKey', $$
DELETE FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND grainidextensionstring = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1
$$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
