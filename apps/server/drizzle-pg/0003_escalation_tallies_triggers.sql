-- Custom SQL migration: escalation_tallies kept by triggers, then counted from what exists
-- (the same statements as apps/server/src/db/pg/tallies-sql.ts; a test keeps them equal).
CREATE FUNCTION escalation_tallies_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
  VALUES (NEW.received_at / 86400000, NEW.system_id, NEW.reason_code, NEW.model, 1, (NEW.status = 'decided')::int, 0, 0, 0, 0, 0, '{}')
  ON CONFLICT (system_id, day, reason_code, model) DO UPDATE SET escalations = escalation_tallies.escalations + 1, decided = escalation_tallies.decided + EXCLUDED.decided;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_received AFTER INSERT ON escalations FOR EACH ROW WHEN (NEW.gold_item_id IS NULL) EXECUTE FUNCTION escalation_tallies_received();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE escalation_tallies SET decided = decided + (NEW.status = 'decided')::int - (OLD.status = 'decided')::int
   WHERE system_id = NEW.system_id AND day = NEW.received_at / 86400000 AND reason_code = NEW.reason_code AND model = NEW.model;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_status AFTER UPDATE OF status ON escalations FOR EACH ROW WHEN (NEW.gold_item_id IS NULL AND (OLD.status = 'decided') <> (NEW.status = 'decided')) EXECUTE FUNCTION escalation_tallies_status();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_verified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE escalation_tallies SET verifications = verifications + 1, decisions = decisions + (NEW.superseded_at IS NULL)::int, approved = approved + (NEW.outcome = 'approved')::int * (NEW.superseded_at IS NULL)::int,
       overridden = overridden + (NEW.outcome IN ('modified', 'rejected'))::int * (NEW.superseded_at IS NULL)::int, escalated_further = escalated_further + (NEW.outcome = 'escalated')::int * (NEW.superseded_at IS NULL)::int, active_seconds = jsonb_set(active_seconds::jsonb, ARRAY[NEW.active_seconds::text], to_jsonb(coalesce((active_seconds::jsonb ->> NEW.active_seconds::text)::bigint, 0) + 1))::text WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = NEW.escalation_id AND e.gold_item_id IS NULL);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_verified AFTER INSERT ON verifications FOR EACH ROW EXECUTE FUNCTION escalation_tallies_verified();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_superseded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE escalation_tallies SET decisions = decisions + ((NEW.superseded_at IS NULL)::int - (OLD.superseded_at IS NULL)::int), approved = approved + (NEW.outcome = 'approved')::int * ((NEW.superseded_at IS NULL)::int - (OLD.superseded_at IS NULL)::int),
       overridden = overridden + (NEW.outcome IN ('modified', 'rejected'))::int * ((NEW.superseded_at IS NULL)::int - (OLD.superseded_at IS NULL)::int), escalated_further = escalated_further + (NEW.outcome = 'escalated')::int * ((NEW.superseded_at IS NULL)::int - (OLD.superseded_at IS NULL)::int) WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = NEW.escalation_id AND e.gold_item_id IS NULL);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_superseded AFTER UPDATE OF superseded_at ON verifications FOR EACH ROW WHEN ((OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)) EXECUTE FUNCTION escalation_tallies_superseded();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_unverified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE escalation_tallies SET verifications = verifications - 1, decisions = decisions - (OLD.superseded_at IS NULL)::int, approved = approved - (OLD.outcome = 'approved')::int * (OLD.superseded_at IS NULL)::int,
       overridden = overridden - (OLD.outcome IN ('modified', 'rejected'))::int * (OLD.superseded_at IS NULL)::int, escalated_further = escalated_further - (OLD.outcome = 'escalated')::int * (OLD.superseded_at IS NULL)::int, active_seconds = jsonb_set(active_seconds::jsonb, ARRAY[OLD.active_seconds::text], to_jsonb(coalesce((active_seconds::jsonb ->> OLD.active_seconds::text)::bigint, 0) - 1))::text WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = OLD.escalation_id AND e.gold_item_id IS NULL);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_unverified AFTER DELETE ON verifications FOR EACH ROW EXECUTE FUNCTION escalation_tallies_unverified();
--> statement-breakpoint
INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
WITH received AS (
  SELECT received_at / 86400000 AS day, system_id, reason_code, model, count(*) AS escalations, count(*) FILTER (WHERE status = 'decided') AS decided
    FROM escalations WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
), by_seconds AS (
  SELECT e.received_at / 86400000 AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, count(*) FILTER (WHERE v.superseded_at IS NULL) AS decisions,
         count(*) FILTER (WHERE v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
         count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
         count(*) FILTER (WHERE v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id WHERE e.gold_item_id IS NULL GROUP BY 1, 2, 3, 4, 5
), verified AS (
  SELECT day, system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
         sum(escalated_further) AS escalated_further, jsonb_object_agg(active_seconds::text, n)::text AS active_seconds
    FROM by_seconds GROUP BY 1, 2, 3, 4
)
SELECT r.day, r.system_id, r.reason_code, r.model, r.escalations, r.decided, coalesce(v.verifications, 0), coalesce(v.decisions, 0), coalesce(v.approved, 0),
       coalesce(v.overridden, 0), coalesce(v.escalated_further, 0), coalesce(v.active_seconds, '{}')
  FROM received r LEFT JOIN verified v ON v.day = r.day AND v.system_id = r.system_id AND v.reason_code = r.reason_code AND v.model = r.model;
