import { labelOf } from "../utils/field-labels";

type Props = {
  /** Every issue, by path: the form's own and the server's. */
  issues: Record<string, string>;
  /** Paths a field of this form shows under itself. */
  placed: (path: string) => boolean;
  /** The server's message when it refused for a reason that is not about one field. */
  formError?: string | null;
};

/**
 * What stops a form from saving, each problem said once: issues shown under their field are only
 * named here (by the field's label), the rest are said here in full.
 */
export function FormIssues({ issues, placed, formError }: Props) {
  const paths = Object.keys(issues);
  const named = paths.filter(placed).map((path) => labelOf(path) ?? path);
  const unplaced = paths.filter((path) => !placed(path));
  if (paths.length === 0 && !formError) return null;
  return (
    <div className="form-error" role="alert">
      {named.length > 0 ? <p>Not saved: check {joinWords(named)}.</p> : null}
      {unplaced.map((path) => (
        <p key={path}>{labelOf(path) ? `${labelOf(path)}: ${issues[path]}` : issues[path]}</p>
      ))}
      {paths.length === 0 && formError ? <p>{formError}</p> : null}
    </div>
  );
}

function joinWords(words: string[]): string {
  const unique = [...new Set(words)];
  return unique.length <= 1 ? (unique[0] ?? "") : `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
}
