-- The exclusive lease that GitLab keeps in Redis, kept here beside the queue it guards.
-- Our own tables carry the catalog_sync_ prefix: a host application often has feature_flags of its own.
-- expires_at is set from the database clock, the one clock every instance shares.
CREATE TABLE catalog_sync_exclusive_leases (
    lease_key   text        PRIMARY KEY,
    owner_token uuid        NOT NULL,
    expires_at  timestamptz NOT NULL
);

-- Stored overrides of feature flags. A flag with no row has the default its definition ships with.
CREATE TABLE catalog_sync_feature_flags (
    name       text        PRIMARY KEY,
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
