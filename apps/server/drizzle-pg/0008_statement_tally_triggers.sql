-- Custom SQL migration: escalation_tallies counts inserted escalations and inserted or deleted
-- verifications once per statement (transition tables) rather than once per row, so a bulk insert
-- updates each tally once per group (the same statements as apps/server/src/db/pg/tallies-sql.ts;
-- a test keeps them equal). The counts are unchanged: nothing to re-tally.
DROP TRIGGER escalation_tallies_received ON escalations;
--> statement-breakpoint
DROP FUNCTION escalation_tallies_received();
--> statement-breakpoint
DROP TRIGGER escalation_tallies_verified ON verifications;
--> statement-breakpoint
DROP FUNCTION escalation_tallies_verified();
--> statement-breakpoint
DROP TRIGGER escalation_tallies_unverified ON verifications;
--> statement-breakpoint
DROP FUNCTION escalation_tallies_unverified();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
  SELECT received_at / 86400000, system_id, reason_code, model, count(*), count(*) FILTER (WHERE status = 'decided'), 0, 0, 0, 0, 0, '{}'
    FROM added WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (system_id, day, reason_code, model) DO UPDATE SET escalations = escalation_tallies.escalations + EXCLUDED.escalations, decided = escalation_tallies.decided + EXCLUDED.decided;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_received AFTER INSERT ON escalations REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION escalation_tallies_received();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_verified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH by_seconds AS (
  SELECT e.received_at / 86400000 AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, count(*) FILTER (WHERE v.superseded_at IS NULL) AS decisions,
         count(*) FILTER (WHERE v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
         count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
         count(*) FILTER (WHERE v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
    FROM added v JOIN escalations e ON e.id = v.escalation_id WHERE e.gold_item_id IS NULL GROUP BY 1, 2, 3, 4, 5
), verified AS (
  SELECT day, system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
         sum(escalated_further) AS escalated_further, jsonb_object_agg(active_seconds::text, n)::text AS active_seconds
    FROM by_seconds GROUP BY 1, 2, 3, 4
)
  UPDATE escalation_tallies t SET verifications = t.verifications + c.verifications, decisions = t.decisions + c.decisions, approved = t.approved + c.approved,
         overridden = t.overridden + c.overridden, escalated_further = t.escalated_further + c.escalated_further,
         active_seconds = (SELECT (t.active_seconds::jsonb || jsonb_object_agg(s.key, coalesce((t.active_seconds::jsonb ->> s.key)::bigint, 0) + s.value::bigint))::text
                             FROM jsonb_each_text(c.active_seconds::jsonb) s)
    FROM verified c WHERE (t.system_id, t.day, t.reason_code, t.model) = (c.system_id, c.day, c.reason_code, c.model);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_verified AFTER INSERT ON verifications REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION escalation_tallies_verified();
--> statement-breakpoint
CREATE FUNCTION escalation_tallies_unverified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH by_seconds AS (
  SELECT e.received_at / 86400000 AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, count(*) FILTER (WHERE v.superseded_at IS NULL) AS decisions,
         count(*) FILTER (WHERE v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved,
         count(*) FILTER (WHERE v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
         count(*) FILTER (WHERE v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
    FROM removed v JOIN escalations e ON e.id = v.escalation_id WHERE e.gold_item_id IS NULL GROUP BY 1, 2, 3, 4, 5
), verified AS (
  SELECT day, system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
         sum(escalated_further) AS escalated_further, jsonb_object_agg(active_seconds::text, n)::text AS active_seconds
    FROM by_seconds GROUP BY 1, 2, 3, 4
)
  UPDATE escalation_tallies t SET verifications = t.verifications - c.verifications, decisions = t.decisions - c.decisions, approved = t.approved - c.approved,
         overridden = t.overridden - c.overridden, escalated_further = t.escalated_further - c.escalated_further,
         active_seconds = (SELECT (t.active_seconds::jsonb || jsonb_object_agg(s.key, coalesce((t.active_seconds::jsonb ->> s.key)::bigint, 0) - s.value::bigint))::text
                             FROM jsonb_each_text(c.active_seconds::jsonb) s)
    FROM verified c WHERE (t.system_id, t.day, t.reason_code, t.model) = (c.system_id, c.day, c.reason_code, c.model);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_unverified AFTER DELETE ON verifications REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION escalation_tallies_unverified();