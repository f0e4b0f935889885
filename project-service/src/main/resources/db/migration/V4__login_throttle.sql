-- Login throttling (auth/LoginThrottle): one row per account (normalized email, known or not) and per client IP with
-- recent failed attempts. Shared by every replica: an attempt locks its rows for the few statements that count it.
CREATE TABLE login_throttle (
    throttle_key    varchar(300) PRIMARY KEY,  -- 'account:<email>' or 'ip:<address>'
    failures        integer      NOT NULL,
    last_attempt_at timestamptz  NOT NULL,
    blocked_until   timestamptz
);
-- The purge deletes rows quiet for longer than the window.
CREATE INDEX login_throttle_last_attempt_idx ON login_throttle (last_attempt_at);
