-- A lease names the database session of the holder that took it (its backend pid and that backend's start time,
-- which together never repeat), so that a lease whose holder's session has ended is free at once: a process killed
-- with SIGKILL loses its connections with it, and the next taker need not wait out the time to live. A holder whose
-- session lives on (paused by SIGSTOP or a long GC, cut off by the network) still keeps the lease until its time
-- to live runs out. Taking a lease over this way is as safe as after expiry: every batch checks, in its own
-- transaction, that the lease is still its holder's (the fence), so a holder that lost it writes nothing.
-- Nullable: a lease taken before this migration names no session and lasts its time to live, as before.
ALTER TABLE catalog_sync_exclusive_leases
    ADD COLUMN holder_pid           integer,
    ADD COLUMN holder_session_start timestamptz;
