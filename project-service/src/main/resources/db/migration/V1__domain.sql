-- Domain tables. Ids are UUIDs made by the service; "version" is Hibernate's optimistic-lock counter
-- (0 after insert), the API and the change events expose version + 1 as the aggregate version.

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    email         varchar(254) NOT NULL,
    display_name  varchar(100) NOT NULL,
    role          varchar(16)  NOT NULL CHECK (role IN ('ADMIN', 'MANAGER', 'MEMBER', 'AUDITOR')),
    password_hash varchar(100) NOT NULL,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL
);
-- Emails are compared case-insensitively: the service stores them lower-cased.
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);

CREATE TABLE project (
    id          uuid PRIMARY KEY,
    name        varchar(200)  NOT NULL,
    description varchar(4000),
    status      varchar(16)   NOT NULL CHECK (status IN ('ACTIVE', 'ON_HOLD', 'COMPLETED', 'ARCHIVED')),
    created_by  uuid,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    deleted_at  timestamptz,
    version     bigint        NOT NULL
);
CREATE INDEX project_active_status_idx ON project (status, created_at) WHERE deleted_at IS NULL;

CREATE TABLE task (
    id          uuid PRIMARY KEY,
    project_id  uuid          NOT NULL REFERENCES project (id),
    title       varchar(200)  NOT NULL,
    description varchar(4000),
    status      varchar(16)   NOT NULL CHECK (status IN ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')),
    priority    varchar(16)   NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    due_date    date,
    assignee_id uuid REFERENCES app_user (id),
    created_by  uuid,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    deleted_at  timestamptz,
    version     bigint        NOT NULL
);
CREATE INDEX task_project_idx ON task (project_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX task_assignee_idx ON task (assignee_id) WHERE deleted_at IS NULL;

CREATE TABLE blocker (
    id          uuid PRIMARY KEY,
    task_id     uuid          NOT NULL REFERENCES task (id),
    description varchar(2000) NOT NULL,
    status      varchar(16)   NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
    resolution  varchar(2000),
    reported_by uuid,
    resolved_by uuid,
    created_at  timestamptz   NOT NULL,
    resolved_at timestamptz,
    version     bigint        NOT NULL
);
CREATE INDEX blocker_task_idx ON blocker (task_id, created_at);
