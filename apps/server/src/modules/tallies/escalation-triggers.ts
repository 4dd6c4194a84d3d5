import { dayMs } from "./counts";

/*
 * escalation_tallies is kept by triggers: each adds or takes away one escalation or one
 * verification, whatever code path (intake, decide, purge, a bulk load) wrote the row. The
 * custom migration is exactly this text (a test checks it); it ends by counting what exists.
 */
const key = "system_id = NEW.system_id AND day = NEW.received_at / DAY AND reason_code = NEW.reason_code AND model = NEW.model";
const ofEscalation = (row: "NEW" | "OLD") =>
  `(system_id, day, reason_code, model) = (SELECT e.system_id, e.received_at / DAY, e.reason_code, e.model FROM escalations e
     WHERE e.id = ${row}.escalation_id AND e.gold_item_id IS NULL)`;
const seconds = (row: "NEW" | "OLD", by: "+ 1" | "- 1") =>
  `active_seconds = json_set(active_seconds, '$."' || ${row}.active_seconds || '"', coalesce(json_extract(active_seconds, '$."' || ${row}.active_seconds || '"'), 0) ${by})`;
// Decision figures count a verification only while it is in force (figures.decisionInForceSql); review time counts every one.
const inForce = (row: "NEW" | "OLD") => `(${row}.superseded_at IS NULL)`;
const decisions = (row: "NEW" | "OLD", sign: "+" | "-", when: string) =>
  `decisions = decisions ${sign} ${when}, approved = approved ${sign} (${row}.outcome = 'approved') * ${when},
       overridden = overridden ${sign} (${row}.outcome IN ('modified', 'rejected')) * ${when}, escalated_further = escalated_further ${sign} (${row}.outcome = 'escalated') * ${when}`;
const outcomes = (row: "NEW" | "OLD", sign: "+" | "-") => `verifications = verifications ${sign} 1, ${decisions(row, sign, inForce(row))}`;

export const escalationTalliesSql = [
  `CREATE TRIGGER escalation_tallies_received AFTER INSERT ON escalations WHEN NEW.gold_item_id IS NULL
BEGIN
  INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
  VALUES (NEW.received_at / DAY, NEW.system_id, NEW.reason_code, NEW.model, 1, NEW.status = 'decided', 0, 0, 0, 0, 0, '{}')
  ON CONFLICT (system_id, day, reason_code, model) DO UPDATE SET escalations = escalations + 1, decided = decided + (NEW.status = 'decided');
END;`,
  `CREATE TRIGGER escalation_tallies_status AFTER UPDATE OF status ON escalations
  WHEN NEW.gold_item_id IS NULL AND (OLD.status = 'decided') <> (NEW.status = 'decided')
BEGIN
  UPDATE escalation_tallies SET decided = decided + (NEW.status = 'decided') - (OLD.status = 'decided') WHERE ${key};
END;`,
  `CREATE TRIGGER escalation_tallies_verified AFTER INSERT ON verifications
BEGIN
  UPDATE escalation_tallies SET ${outcomes("NEW", "+")}, ${seconds("NEW", "+ 1")} WHERE ${ofEscalation("NEW")};
END;`,
  `CREATE TRIGGER escalation_tallies_superseded AFTER UPDATE OF superseded_at ON verifications
  WHEN (OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)
BEGIN
  UPDATE escalation_tallies SET ${decisions("NEW", "+", `(${inForce("NEW")} - ${inForce("OLD")})`)} WHERE ${ofEscalation("NEW")};
END;`,
  `CREATE TRIGGER escalation_tallies_unverified AFTER DELETE ON verifications
BEGIN
  UPDATE escalation_tallies SET ${outcomes("OLD", "-")}, ${seconds("OLD", "- 1")} WHERE ${ofEscalation("OLD")};
END;`,
  `INSERT INTO escalation_tallies (day, system_id, reason_code, model, escalations, decided, verifications, decisions, approved, overridden, escalated_further, active_seconds)
WITH received AS (
  SELECT received_at / DAY AS day, system_id, reason_code, model, count(*) AS escalations, sum(status = 'decided') AS decided
    FROM escalations WHERE gold_item_id IS NULL GROUP BY 1, 2, 3, 4
), by_seconds AS (
  SELECT e.received_at / DAY AS day, e.system_id, e.reason_code, e.model, v.active_seconds, count(*) AS n, sum(v.superseded_at IS NULL) AS decisions,
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
  FROM received r LEFT JOIN verified v ON v.day = r.day AND v.system_id = r.system_id AND v.reason_code = r.reason_code AND v.model = r.model;`,
].map((statement) => statement.replaceAll("DAY", String(dayMs)));
