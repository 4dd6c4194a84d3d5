/** Numbers as leads read them: shares as percentages, money in the business case's currency. */

const percentFormat = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat("en");

/** 0.4 → "40%"; 0.0833 → "8.3%"; null → "—". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? "—" : percentFormat.format(share);
}

/**
 * A verification rate as the server measured it. More escalations than reported outputs has no
 * rate (the server reports it as a layer conflict): it is never written as a share above 100%.
 */
export function formatRate(figure: { rate: number | null; exceedsReported: boolean }): string {
  return figure.exceedsReported ? "more received than reported" : formatShare(figure.rate);
}

/** A Wilson interval as "22%–61%". */
export function formatInterval(interval: { low: number; high: number } | null | undefined): string {
  return interval ? `${percentFormat.format(interval.low)}–${percentFormat.format(interval.high)}` : "—";
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** An amount in a three-letter currency ("€2.90"); plain with two decimals when the code is unknown. */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat("en", { style: "currency", currency, minimumFractionDigits: 2 }).format(amount);
    } catch {
      // An ISO-shaped code the browser does not know: fall through to the plain form.
    }
  }
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ""}`;
}

/** Seconds as "42 s" or "3 min 20 s". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  return s % 60 === 0 ? `${min} min` : `${min} min ${s % 60} s`;
}
