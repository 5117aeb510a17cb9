-- The registry instance processing an upload (tipis.upload.instance) and when it last said it still does, so that
-- several instances can share the database: at start an instance fails only its own interrupted uploads (and those
-- without an owner, from before this migration), and any instance fails the uploads whose heartbeat is older than the
-- lease (tipis.upload.lease). The partial index keeps the heartbeat and the reaper on the few unfinished uploads.
alter table upload add column owner varchar(128);
alter table upload add column heartbeat_at timestamptz;
create index upload_unfinished_by_owner on upload (owner) where status in ('queued', 'running');
