-- Orleans ADO.NET reminders on PostgreSQL.
-- Each silo reads the reminders whose grain hash falls in its ring range (begin, end]; hashes are
-- stored as signed integers, so a range that wraps past the top is read with ReadRangeRows2Key.
-- The version column is the reminder's etag; deleting needs the current one.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    grainid      text         NOT NULL,
    remindername text         NOT NULL,
    starttime    timestamptz  NOT NULL,
    -- milliseconds; bigint because periods may exceed int range (about 24 days)
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS orleansreminderstable_grainhash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

('ReadReminderRowsKey', $$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId
$$),

('ReadReminderRowKey', $$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
$$),

('ReadRangeRows1Key', $$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash
$$),

('ReadRangeRows2Key', $$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)
$$),

-- Returns the reminder's new version (its etag).
('UpsertReminderRowKey', $$
INSERT INTO orleansreminderstable AS r
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = EXCLUDED.starttime, period = EXCLUDED.period, grainhash = EXCLUDED.grainhash,
    version = r.version + 1
RETURNING version
$$),

('DeleteReminderRowKey', $$
WITH deleted AS (
    DELETE FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
      AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted)
$$),

('DeleteReminderRowsKey', $$
DELETE FROM orleansreminderstable
WHERE serviceid = @ServiceId
$$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
