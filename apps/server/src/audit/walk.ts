import { entryHashMatches, genesisHash, linkHash, type ChainedEntry } from "./chain";

/** An entry as stored or as a proof pack carries it in full. */
export type AuditLine = ChainedEntry & { hash: string };

/**
 * An entry about something else (another system, a user, a sign-in): only its place in the chain
 * and hashes, so the chain still recomputes through it. `contentSha256` is null for an entry
 * written before the two-level hash, whose link can then only be taken as recorded.
 */
export type RedactedAuditLine = { seq: number; redacted: true; prevHash: string; contentSha256: string | null; hash: string };

/** A signed head the chain must still have at `size`: a checkpoint, or one a witness received. */
export type ChainAnchor = { source: string; size: number; head: string };

/** Where a walk stopped: the first entry that cannot be trusted, and why. */
export type ChainBreak = { firstBadSeq: number; problem: string };

/**
 * Whether an entry hashes to its recorded hash: a full entry from its content, a redacted one
 * from its place, previous hash and content hash. Null: a redacted legacy entry, whose hash
 * cannot be recomputed without its content.
 */
export function auditLineHashValid(line: AuditLine | RedactedAuditLine): boolean | null {
  if (!("redacted" in line)) return entryHashMatches(line, line.hash);
  if (line.contentSha256 === null) return null;
  return linkHash({ seq: line.seq, prevHash: line.prevHash, contentSha256: line.contentSha256 }) === line.hash;
}

/**
 * The one walk over the audit chain, entry by entry in seq order, in constant memory: `audit
 * verify` over the live log, the proof-pack export over the segment it writes, and `verify-pack`
 * over a pack's file all feed it. It checks seq continuity, each link, each hash, and the head at
 * every anchor's size. A segment that does not start at seq 1 starts from `prevHash` when known
 * (null: its first link is taken as recorded, and anchors then prove the segment).
 */
export function chainWalk(start: { fromSeq: number; prevHash: string | null } = { fromSeq: 1, prevHash: genesisHash }, anchorList: ChainAnchor[] = []) {
  const anchors = new Map<number, ChainAnchor[]>();
  for (const anchor of anchorList) anchors.set(anchor.size, [...(anchors.get(anchor.size) ?? []), anchor]);
  let expected = start.fromSeq;
  let prev = start.prevHash;
  let head = start.prevHash ?? genesisHash;
  let trustedUpTo = start.fromSeq - 1;
  let entries = 0;
  return {
    /** Checks the next entry; a break names the first entry not to trust. */
    step(line: AuditLine | RedactedAuditLine): ChainBreak | null {
      const broken = (problem: string, firstBadSeq = line.seq): ChainBreak => ({ firstBadSeq, problem });
      if (line.seq !== expected) {
        if (line.seq < expected) return broken(`entry ${line.seq} is out of order`);
        return broken(line.seq - 1 === expected ? `entry ${expected} is missing` : `entries ${expected}–${line.seq - 1} are missing`);
      }
      if (prev !== null && line.prevHash !== prev) return broken("its previous-hash does not match the entry before it");
      if (auditLineHashValid(line) === false) {
        return broken(
          "redacted" in line
            ? "its place, previous hash and content hash do not match its hash (the entry was altered)"
            : "its content does not match its hash (the entry was altered)",
        );
      }
      for (const anchor of anchors.get(line.seq) ?? []) {
        if (anchor.head !== line.hash) {
          return broken(
            `${anchor.source} signed head ${anchor.head.slice(0, 16)}… at size ${anchor.size}, but the log's entry ${line.seq} hashes to ${line.hash.slice(0, 16)}…: ` +
              `an entry between seq ${trustedUpTo + 1} and ${line.seq} was changed, or the chain was rebuilt`,
            trustedUpTo + 1,
          );
        }
        trustedUpTo = line.seq;
      }
      prev = line.hash;
      head = line.hash;
      expected = line.seq + 1;
      entries += 1;
      return null;
    },
    /** After the last entry: an anchor past the end means entries were removed. */
    end(): ChainBreak | null {
      const beyond = [...anchors.values()].flat().find((anchor) => anchor.size >= expected);
      if (!beyond) return null;
      return {
        firstBadSeq: expected,
        problem: `${beyond.source} covers ${beyond.size} entries but the log has only ${expected - 1}: entries were removed`,
      };
    },
    head: () => head,
    entries: () => entries,
    /** The last entry a signed head proves. */
    trustedUpTo: () => trustedUpTo,
    /** The seq the next entry must have. */
    nextSeq: () => expected,
  };
}
