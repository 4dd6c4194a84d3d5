-- A version of instructions for use is never changed or removed: an edit is a new version.
CREATE TRIGGER instructions_for_use_no_update BEFORE UPDATE ON instructions_for_use
BEGIN
  SELECT RAISE(ABORT, 'instructions_for_use is append-only: record a new version');
END;
--> statement-breakpoint
CREATE TRIGGER instructions_for_use_no_delete BEFORE DELETE ON instructions_for_use
BEGIN
  SELECT RAISE(ABORT, 'instructions_for_use is append-only: record a new version');
END;
--> statement-breakpoint
-- An acknowledgement of the monitoring notice stays as recorded.
CREATE TRIGGER monitoring_acknowledgements_no_update BEFORE UPDATE ON monitoring_acknowledgements
BEGIN
  SELECT RAISE(ABORT, 'monitoring_acknowledgements is append-only');
END;
