/** The accounts the demo seed creates (see apps/server/src/db/seed-demo.ts). */
export const demoPassword = "demo-password";

export const demoAccounts = [
  { email: "reviewer@demo.local", roles: "reviewer" },
  { email: "reviewer2@demo.local", roles: "reviewer" },
  { email: "lead@demo.local", roles: "lead" },
  { email: "auditor@demo.local", roles: "auditor" },
  { email: "admin@demo.local", roles: "admin" },
] as const;
