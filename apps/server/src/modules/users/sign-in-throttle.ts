import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { isLimitReached, type LimiterStore } from "../../lib/rate-limits";

/** How many sign-in attempts an account, and a client address, get before a lockout, and for how long. */
export type SignInLimits = {
  /** attempts without success per account (whatever the address) within the window */
  accountAttempts: number;
  /** attempts without success per client address (whatever the account) within the window */
  addressAttempts: number;
  windowSeconds: number;
  /** the first lockout; each further one within a day doubles it, up to maxLockoutSeconds */
  lockoutSeconds: number;
  maxLockoutSeconds: number;
};

export const defaultSignInLimits: SignInLimits = {
  accountAttempts: 5,
  addressAttempts: 20,
  windowSeconds: 15 * 60,
  lockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
};

export type LockoutScope = "account" | "address";

/** The answer to an attempt that may not check its password: wait this long. Started once per lockout. */
export type Throttled = { scope: LockoutScope; retryAfterMs: number; started: null | { lockedSeconds: number; lockoutsToday: number } };

/**
 * Counts sign-in attempts per account and per client address. An attempt takes a point before its
 * password is checked — so forty parallel guesses cannot all slip through before the first is
 * counted — and a success gives it back. When the points run out, the key is blocked; the block
 * doubles with every lockout in a day, and only the attempt that starts it reports `started`.
 */
export function signInThrottle(store: LimiterStore, limits: SignInLimits = defaultSignInLimits) {
  const attempts: Record<LockoutScope, RateLimiterAbstract> = {
    account: store({ keyPrefix: "sign_in_account", points: limits.accountAttempts, duration: limits.windowSeconds }),
    address: store({ keyPrefix: "sign_in_address", points: limits.addressAttempts, duration: limits.windowSeconds }),
  };
  const lockouts: Record<LockoutScope, RateLimiterAbstract> = {
    account: store({ keyPrefix: "sign_in_account_lockouts", points: Number.MAX_SAFE_INTEGER, duration: 24 * 3600 }),
    address: store({ keyPrefix: "sign_in_address_lockouts", points: Number.MAX_SAFE_INTEGER, duration: 24 * 3600 }),
  };

  async function take(scope: LockoutScope, key: string): Promise<Throttled | null> {
    const limiter = attempts[scope];
    try {
      await limiter.consume(key);
      return null;
    } catch (outcome) {
      if (!isLimitReached(outcome)) throw outcome;
      // Exactly one attempt crosses the limit; the ones after it find the key already blocked.
      if (outcome.consumedPoints !== limiter.points + 1) return { scope, retryAfterMs: outcome.msBeforeNext, started: null };
      const lockoutsToday = (await lockouts[scope].penalty(key)).consumedPoints;
      const lockedSeconds = Math.min(limits.maxLockoutSeconds, limits.lockoutSeconds * 2 ** (lockoutsToday - 1));
      await limiter.block(key, lockedSeconds);
      return { scope, retryAfterMs: lockedSeconds * 1000, started: { lockedSeconds, lockoutsToday } };
    }
  }

  return {
    /** Takes one attempt for the account and the address; null when the password may be checked. */
    async attempt(account: string, address: string): Promise<Throttled[]> {
      const outcomes = await Promise.all([take("account", account), take("address", address)]);
      return outcomes.filter((outcome): outcome is Throttled => outcome !== null);
    },
    /**
     * One attempt for the address alone: a return from the identity provider, before it is known
     * whose it is (the provider has already checked the person; the address is what may be guessing).
     */
    async attemptFrom(address: string): Promise<Throttled[]> {
      const outcome = await take("address", address);
      return outcome ? [outcome] : [];
    },
    /** A single sign-on that succeeded: the address gets its attempt back. */
    async succeededFrom(address: string) {
      await attempts.address.reward(address);
    },
    /** The right password: the account starts afresh, and the address gets its attempt back. */
    async succeeded(account: string, address: string) {
      await Promise.all([attempts.account.delete(account), lockouts.account.delete(account), attempts.address.reward(address)]);
    },
  };
}
export type SignInThrottle = Awaited<ReturnType<typeof signInThrottle>>;
