import { formatMoney } from "@countersign/shared/format";

/** An amount in the draft's currency, while the code may not yet be a valid ISO 4217 shape. */
export function formatAmount(amount: number, currency: string): string {
  const code = currency.trim().toUpperCase();
  return formatMoney(amount, /^[A-Z]{3}$/.test(code) ? code : null);
}
