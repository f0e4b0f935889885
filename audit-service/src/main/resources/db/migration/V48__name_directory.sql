-- The directory of display names (issue 19): per resource, the name the events themselves carry, as of the latest
-- event that carried it, so the admin UI can show "Dana Reyes (dana@…)" and "task 'Fix login bug'" instead of ids.
-- Derived state, not the log: verify never reads it, and nothing in it enters a checksum (docs/api.md, "Directory").
--
-- Which field is a resource's name (io.pjctrl.audit.directory.NameFields, kept in step with the backfill below):
-- user display_name (and email), project name, task title, blocker description. A field's value is its "new" value
-- when that is a string, else its "old" value when the event has no "new" (a delete). Only versioned events
-- (aggregate_version > 0) teach names: a failed login's changes.email is what someone typed, not the user's address.
--
-- Each field keeps the version (aggregate_version, then occurred_at) of the event it came from: the ingest replaces
-- it only with a value from a later event, so events processed out of order (a replay, two partitions) still leave
-- the latest name. name and email have a version each: an event may carry one without the other.
--
-- Names are personal data (a user's display name and e-mail): erasure (DirectoryRepository.forget) clears both and
-- sets erased_at, and the ingest never writes a field of an erased row again, so an event still in flight when the
-- person was erased cannot bring the name back.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE audit_directory (
    resource_type     varchar(50) NOT NULL,
    resource_id       varchar(64) NOT NULL,
    name              text,
    name_version      bigint,
    name_occurred_at  timestamptz,
    email             text,
    email_version     bigint,
    email_occurred_at timestamptz,
    erased_at         timestamptz,
    -- resource_id first: the UI's batch lookup (GET /api/directory?ids=) knows ids, not always their types.
    PRIMARY KEY (resource_id, resource_type),
    CHECK ((name IS NULL) = (name_version IS NULL) AND (name IS NULL) = (name_occurred_at IS NULL)),
    CHECK ((email IS NULL) = (email_version IS NULL) AND (email IS NULL) = (email_occurred_at IS NULL)),
    CHECK (erased_at IS NULL OR (name IS NULL AND email IS NULL)),
    CHECK (length(name) <= 500 AND length(email) <= 320)
) WITH (fillfactor = 80);

-- The typeahead (GET /api/directory/search) matches a substring of name or email, case-insensitively (ILIKE):
-- trigram indexes serve both prefix and infix patterns, one BitmapOr per search whatever the directory's size.
CREATE INDEX audit_directory_name_trgm ON audit_directory USING gin (name gin_trgm_ops);
CREATE INDEX audit_directory_email_trgm ON audit_directory USING gin (email gin_trgm_ops);

-- Backfill from the entries stored so far, with the same rules as the ingest: one pass over the entries of the four
-- resource types that carry a name field (a sequential read of audit_logs; docs/operations.md gives its duration).
CREATE TYPE audit_directory_field AS (value text, version bigint, occurred_at timestamptz);
INSERT INTO audit_directory (resource_type, resource_id, name, name_version, name_occurred_at, email, email_version,
                             email_occurred_at)
WITH carried AS (
    SELECT l.resource_type, l.resource_id, l.aggregate_version, l.occurred_at,
           CASE WHEN jsonb_typeof(n.field -> 'new') = 'string' THEN n.field ->> 'new'
                WHEN NOT n.field ? 'new' AND jsonb_typeof(n.field -> 'old') = 'string' THEN n.field ->> 'old' END AS name,
           CASE WHEN jsonb_typeof(e.field -> 'new') = 'string' THEN e.field ->> 'new'
                WHEN NOT e.field ? 'new' AND jsonb_typeof(e.field -> 'old') = 'string' THEN e.field ->> 'old' END AS email
    FROM audit_logs l
    CROSS JOIN LATERAL (SELECT l.changes -> CASE l.resource_type WHEN 'user' THEN 'display_name' WHEN 'project' THEN 'name'
                                                WHEN 'task' THEN 'title' WHEN 'blocker' THEN 'description' END) AS n(field)
    CROSS JOIN LATERAL (SELECT CASE WHEN l.resource_type = 'user' THEN l.changes -> 'email' END) AS e(field)
    WHERE l.resource_type IN ('user', 'project', 'task', 'blocker') AND l.resource_id IS NOT NULL
      AND l.aggregate_version > 0 AND l.changes ?| ARRAY['display_name', 'email', 'name', 'title', 'description']
), latest AS (
    SELECT resource_type, resource_id,
           (array_agg(ROW(left(name, 500), aggregate_version, occurred_at)::audit_directory_field
                      ORDER BY aggregate_version DESC, occurred_at DESC) FILTER (WHERE name IS NOT NULL))[1] AS name,
           (array_agg(ROW(left(email, 320), aggregate_version, occurred_at)::audit_directory_field
                      ORDER BY aggregate_version DESC, occurred_at DESC) FILTER (WHERE email IS NOT NULL))[1] AS email
    FROM carried
    WHERE name IS NOT NULL OR email IS NOT NULL
    GROUP BY resource_type, resource_id
)
SELECT resource_type, resource_id, (name).value, (name).version, (name).occurred_at, (email).value, (email).version,
       (email).occurred_at
FROM latest;
DROP TYPE audit_directory_field;
-- Statistics for the search's plan from the start (the trigram indexes are chosen once the planner knows the names).
ANALYZE audit_directory;
