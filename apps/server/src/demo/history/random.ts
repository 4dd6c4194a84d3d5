/**
 * A small seeded random source (mulberry32), so the demo's history tells the same story on
 * every start: the same reviewers decide the same kinds of items in the same way.
 */
export type Rng = {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** A number in [min, max). */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `n` different items, in random order. */
  sample<T>(items: readonly T[], n: number): T[];
};

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [value, weight] of entries) {
        draw -= weight;
        if (draw < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    sample: (items, n) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
  return rng;
}

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

/** Midnight UTC of the day `ms` falls in. */
export const utcDayStart = (ms: number) => ms - (((ms % day) + day) % day);
export const isWeekend = (ms: number) => [0, 6].includes(new Date(ms).getUTCDay());

/** Money as a customer reads it: €1,249.00. */
export const eur = (amount: number) =>
  `€${amount.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** A date as the content quotes it: 2026-11-12. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
