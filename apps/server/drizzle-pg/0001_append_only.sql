-- Custom SQL migration: the append-only tables refuse UPDATE, DELETE and TRUNCATE as on SQLite
-- (the same statements as apps/server/src/db/pg/append-only.ts; a test keeps them equal).
CREATE FUNCTION countersign_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = TG_ARGV[0];
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('audit_log is append-only: UPDATE is not allowed');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('audit_log is append-only: DELETE is not allowed');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION countersign_refuse_change('audit_log is append-only: TRUNCATE is not allowed');
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE OF seq, size, head, at, signature, key_id ON checkpoints FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('checkpoints are append-only: UPDATE is not allowed');
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('checkpoints are append-only: DELETE is not allowed');
--> statement-breakpoint
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints FOR EACH STATEMENT EXECUTE FUNCTION countersign_refuse_change('checkpoints are append-only: TRUNCATE is not allowed');
--> statement-breakpoint
CREATE TRIGGER instructions_for_use_no_update BEFORE UPDATE ON instructions_for_use FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('instructions_for_use is append-only: record a new version');
--> statement-breakpoint
CREATE TRIGGER instructions_for_use_no_delete BEFORE DELETE ON instructions_for_use FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('instructions_for_use is append-only: record a new version');
--> statement-breakpoint
CREATE TRIGGER instructions_for_use_no_truncate BEFORE TRUNCATE ON instructions_for_use FOR EACH STATEMENT EXECUTE FUNCTION countersign_refuse_change('instructions_for_use is append-only: record a new version');
--> statement-breakpoint
CREATE TRIGGER monitoring_acknowledgements_no_update BEFORE UPDATE ON monitoring_acknowledgements FOR EACH ROW EXECUTE FUNCTION countersign_refuse_change('monitoring_acknowledgements is append-only');
