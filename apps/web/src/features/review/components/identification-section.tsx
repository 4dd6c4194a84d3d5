import { PayloadView } from "../../../components/payload-view";
import { UntrustedText } from "../../../components/untrusted-text";
import type { RouterOutputs } from "../../../lib/trpc";

type Identification = NonNullable<RouterOutputs["reviews"]["view"]["identification"]>;

/**
 * The Art. 12(3) fields a remote biometric identification system sends: the period of use, the
 * reference database and the input that matched. Shown as sent (the times with the sender's offset).
 */
export function IdentificationFacts({ identification }: { identification: Identification }) {
  return (
    <dl className="facts">
      {identification.usePeriod ? (
        <div>
          <dt>Period of use</dt>
          <dd className="mono">
            <UntrustedText text={identification.usePeriod.start} /> – <UntrustedText text={identification.usePeriod.end} />
          </dd>
        </div>
      ) : null}
      {identification.referenceDatabase !== null ? (
        <div>
          <dt>Reference database</dt>
          <dd>
            <UntrustedText text={identification.referenceDatabase} />
          </dd>
        </div>
      ) : null}
      {identification.matchedInput !== null ? (
        <div>
          <dt>Input that matched</dt>
          <dd>
            <PayloadView payload={identification.matchedInput} label="Input that matched" />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
