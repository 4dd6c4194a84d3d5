-- Signed checkpoints are append-only like the audit log: only the witness delivery time may be set.
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE OF seq, size, head, at, signature, key_id ON checkpoints
BEGIN
  SELECT RAISE(ABORT, 'checkpoints are append-only: UPDATE is not allowed');
END;
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN
  SELECT RAISE(ABORT, 'checkpoints are append-only: DELETE is not allowed');
END;
