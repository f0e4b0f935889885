-- Logged-out tokens: checked on every authenticated request, kept until the token would have expired anyway.
CREATE TABLE revoked_token (
    jti        varchar(64) PRIMARY KEY,
    user_id    uuid        NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_token_expires_idx ON revoked_token (expires_at);
