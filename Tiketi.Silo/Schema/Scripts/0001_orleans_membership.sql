-- Orleans ADO.NET clustering on PostgreSQL.
-- The providers execute the query text stored under a well-known key in orleansquery, binding named
-- parameters (@DeploymentId, @Version, ...). Identifiers are unquoted (folded to lower case); the
-- provider's column look-ups (Version, StartTime, ...) match them case-insensitively.
-- Times are timestamptz: the providers hand over UTC DateTimes.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per cluster (deployment id). Its version is the membership table's etag: every insert or
-- update of a member bumps it, and succeeds only if the caller saw the current one.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    changedat    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150) NOT NULL
        REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     varchar(150) NOT NULL,
    hostname     varchar(150) NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer      NOT NULL DEFAULT 0,
    suspecttimes text,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the version row of a cluster once; answers whether this call created it.
('InsertMembershipVersionKey', $$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid)
    VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$$),

-- Always one row per cluster, even with no members: the provider takes the table version from the
-- first row and treats a row without StartTime as "no member".
('MembershipReadAllKey', $$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
$$),

('MembershipReadRowKey', $$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m
       ON m.deploymentid = v.deploymentid
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
$$),

-- The version bump goes first and gates the write: of two concurrent writers holding the same
-- version, the second finds the bumped row no longer matching and writes nothing.
('InsertMembershipKey', $$
WITH bumped AS (
    UPDATE orleansmembershipversiontable
    SET version = version + 1, changedat = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                      WHERE deploymentid = @DeploymentId
                        AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
inserted AS (
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
         starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, coalesce(@SiloName, ''),
           coalesce(@HostName, ''), @Status, coalesce(@ProxyPort, 0), @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$$),

('UpdateMembershipKey', $$
WITH bumped AS (
    UPDATE orleansmembershipversiontable
    SET version = version + 1, changedat = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleansmembershiptable
                  WHERE deploymentid = @DeploymentId
                    AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
updated AS (
    UPDATE orleansmembershiptable m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped
    WHERE m.deploymentid = bumped.deploymentid
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM updated)
$$),

-- Heartbeats are not versioned: they must not make other silos re-read the table.
('UpdateIAmAlivetimeKey', $$
UPDATE orleansmembershiptable
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
$$),

-- Clients connect to the gateways of active silos.
('GatewaysQueryKey', $$
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$$),

-- Members go with their version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $$
DELETE FROM orleansmembershipversiontable
WHERE deploymentid = @DeploymentId
$$),

-- Bulk clean-up of silos declared dead (status 6) that have not been heard of since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status = 6
$$),

-- Per-entry clean-up (preferred by Orleans 10.4 when present): deletes one dead entry only if it is
-- still exactly what the provider read, so a concurrent change keeps the row.
('CleanupDefunctSiloEntryKey', $$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND starttime = @StartTime AND iamalivetime = @IAmAliveTime
  AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes
$$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
