-- Custom SQL migration: escalation_tallies kept by triggers, then counted from what exists
-- (the same statements as apps/server/src/modules/tallies/escalation-triggers.ts; a test keeps them equal).
CREATE TRIGGER escalation_tallies_received AFTER INSERT ON escalations WHEN NEW.gold_item_id IS NULL
BEGIN
  INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
  VALUES (NEW.received_at / 86400000, NEW.system_id, NEW.reason_code, NEW.model, 1, NEW.status = 'decided', 0, 0, 0, 0, 0, '{}')
  ON CONFLICT (system_id, day, reason_code, model) DO UPDATE SET escalations = escalations + 1, decided = decided + (NEW.status = 'decided');
END;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_status AFTER UPDATE OF status ON escalations
  WHEN NEW.gold_item_id IS NULL AND (OLD.status = 'decided') <> (NEW.status = 'decided')
BEGIN
  UPDATE escalation_tallies SET decided = decided + (NEW.status = 'decided') - (OLD.status = 'decided') WHERE system_id = NEW.system_id AND day = NEW.received_at / 86400000 AND reason_code = NEW.reason_code AND model = NEW.model;
END;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_verified AFTER INSERT ON verifications
BEGIN
  UPDATE escalation_tallies SET verifications = verifications + 1, decisions = decisions + (NEW.superseded_at IS NULL), approved = approved + (NEW.outcome = 'approved') * (NEW.superseded_at IS NULL),
       overridden = overridden + (NEW.outcome IN ('modified', 'rejected')) * (NEW.superseded_at IS NULL), escalated_further = escalated_further + (NEW.outcome = 'escalated') * (NEW.superseded_at IS NULL), active_seconds = json_set(active_seconds, '$."' || NEW.active_seconds || '"', coalesce(json_extract(active_seconds, '$."' || NEW.active_seconds || '"'), 0) + 1) WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = NEW.escalation_id AND e.gold_item_id IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_superseded AFTER UPDATE OF superseded_at ON verifications
  WHEN (OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)
BEGIN
  UPDATE escalation_tallies SET decisions = decisions + ((NEW.superseded_at IS NULL) - (OLD.superseded_at IS NULL)), approved = approved + (NEW.outcome = 'approved') * ((NEW.superseded_at IS NULL) - (OLD.superseded_at IS NULL)),
       overridden = overridden + (NEW.outcome IN ('modified', 'rejected')) * ((NEW.superseded_at IS NULL) - (OLD.superseded_at IS NULL)), escalated_further = escalated_further + (NEW.outcome = 'escalated') * ((NEW.superseded_at IS NULL) - (OLD.superseded_at IS NULL)) WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = NEW.escalation_id AND e.gold_item_id IS NULL);
END;
--> statement-breakpoint
CREATE TRIGGER escalation_tallies_unverified AFTER DELETE ON verifications
BEGIN
  UPDATE escalation_tallies SET verifications = verifications - 1, decisions = decisions - (OLD.superseded_at IS NULL), approved = approved - (OLD.outcome = 'approved') * (OLD.superseded_at IS NULL),
       overridden = overridden - (OLD.outcome IN ('modified', 'rejected')) * (OLD.superseded_at IS NULL), escalated_further = escalated_further - (OLD.outcome = 'escalated') * (OLD.superseded_at IS NULL), active_seconds = json_set(active_seconds, '$."' || OLD.active_seconds || '"', coalesce(json_extract(active_seconds, '$."' || OLD.active_seconds || '"'), 0) - 1) WHERE (system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / 86400000, e.reason_code, e.model FROM escalations e
     WHERE e.id = OLD.escalation_id AND e.gold_item_id IS NULL);
END;
--> statement-breakpoint
INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
WITH received AS (
  SELECT received_at / 86400000 AS day, system_id, reason_code, model, count(*) AS escalations, sum(status = 'decided') AS decided
    FROM escalations WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
), by_seconds AS (
  SELECT e.received_at / 86400000 AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, sum(v.superseded_at IS NULL) AS decisions,
         sum(v.outcome = 'approved' AND v.superseded_at IS NULL) AS approved, sum(v.outcome IN ('modified', 'rejected') AND v.superseded_at IS NULL) AS overridden,
         sum(v.outcome = 'escalated' AND v.superseded_at IS NULL) AS escalated_further
    FROM verifications v JOIN escalations e ON e.id = v.escalation_id WHERE e.gold_item_id IS NULL GROUP BY 1, 2, 3, 4, 5
), verified AS (
  SELECT day, system_id, reason_code, model, sum(n) AS verifications, sum(decisions) AS decisions, sum(approved) AS approved, sum(overridden) AS overridden,
         sum(escalated_further) AS escalated_further, json_group_object(CAST(active_seconds AS TEXT), n) AS active_seconds
    FROM by_seconds GROUP BY 1, 2, 3, 4
)
SELECT r.day, r.system_id, r.reason_code, r.model, r.escalations, r.decided, coalesce(v.verifications, 0), coalesce(v.decisions, 0), coalesce(v.approved, 0),
       coalesce(v.overridden, 0), coalesce(v.escalated_further, 0), coalesce(v.active_seconds, '{}')
  FROM received r LEFT JOIN verified v ON v.day = r.day AND v.system_id = r.system_id AND v.reason_code = r.reason_code AND v.model = r.model;
