-- Who changed which flag, when and from where: the rollout's audit. Rows are only ever added.
-- old_value and new_value are the stored override before and after: NULL when none (the shipped default applies).
CREATE TABLE catalog_sync_feature_flag_changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    flag_name  text        NOT NULL,
    old_value  boolean,
    new_value  boolean,
    actor      text        NOT NULL,
    origin     text        NOT NULL,
    changed_at timestamptz NOT NULL
);

-- feature history NAME: the newest changes of one flag first, from the index alone.
CREATE INDEX catalog_sync_feature_flag_changes_flag_idx
    ON catalog_sync_feature_flag_changes (flag_name, changed_at DESC, id DESC);
