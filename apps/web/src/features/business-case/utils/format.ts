import { money, percent } from "@countersign/shared/layer-conflicts";

/** An amount in the draft's currency, or plain while the code is not yet a valid ISO 4217 shape. */
export function formatAmount(amount: number, currency: string): string {
  const code = currency.trim().toUpperCase();
  try {
    return money(amount, /^[A-Z]{3}$/.test(code) ? code : null);
  } catch {
    return amount.toFixed(2);
  }
}

export const formatShare = percent;
