import { UntrustedText } from "./untrusted-text";

type Props = {
  rationale: string;
  correctedOutput: string | null;
  reviewerName: string;
  /** The heading level where the text sits in its page's outline. */
  heading: "h3" | "h5";
};

/** A verification's own words: the rationale and any corrected output, always as text. */
export function VerificationText({ rationale, correctedOutput, reviewerName, heading: Heading }: Props) {
  return (
    <>
      <Heading className="verification-label">Rationale</Heading>
      <p className="prose">
        <UntrustedText text={rationale} />
      </p>
      {correctedOutput !== null ? (
        <>
          <Heading className="verification-label">Corrected output</Heading>
          <pre className="payload payload-text" aria-label={`Corrected output by ${reviewerName}`} tabIndex={0}>
            <UntrustedText text={correctedOutput} />
          </pre>
        </>
      ) : null}
    </>
  );
}
