import { operator, type Deps } from "../../src/lib/context";
import { grantQualification } from "../../src/modules/qualifications/grant";

/** Qualifies a bench reviewer on each system, to review and override, from a year before `now` to a year after. */
export async function qualify(deps: Deps, userId: string, systemIds: string[], now: number) {
  for (const systemId of systemIds) {
    await grantQualification(deps, operator, {
      userId,
      systemId,
      training: "Bench training",
      obtainedAt: new Date(now - 365 * 86_400_000).toISOString(),
      expiresAt: new Date(now + 365 * 86_400_000).toISOString(),
      authority: ["review", "override"],
    });
  }
}
