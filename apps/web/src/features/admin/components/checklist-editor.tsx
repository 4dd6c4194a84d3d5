import type { ChecklistItem } from "@countersign/shared/policy";
import { Button } from "../../../components/ui/button";

export type DraftItem = ChecklistItem & { saved: boolean; idTouched: boolean };

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);

type Props = { items: DraftItem[]; onChange: (items: DraftItem[]) => void; issues: Record<string, string> };

/**
 * Checklist items: add, edit, remove. A saved item keeps its id (recorded answers refer to it);
 * a new item's id follows its text until edited.
 */
export function ChecklistEditor({ items, onChange, issues }: Props) {
  const update = (index: number, change: Partial<DraftItem>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));

  return (
    <fieldset className="field checklist-editor">
      <legend className="field-label">Checklist</legend>
      <p className="field-hint">Reviewers answer each item Yes / No / N/A before they approve, modify or reject. 1 to 20 items.</p>
      <ol className="checklist-rows">
        {items.map((item, index) => {
          const textError = issues[`checklist.${index}.text`];
          const idError = issues[`checklist.${index}.id`];
          return (
            <li key={index} className="checklist-row">
              <div className="checklist-row-fields">
                <label className="visually-hidden" htmlFor={`item-text-${index}`}>
                  Checklist item {index + 1}
                </label>
                <input
                  id={`item-text-${index}`}
                  className="input"
                  value={item.text}
                  aria-invalid={textError ? true : undefined}
                  aria-describedby={textError ? `item-text-${index}-error` : undefined}
                  onChange={(e) =>
                    update(index, { text: e.target.value, ...(item.idTouched ? {} : { id: slugify(e.target.value) }) })
                  }
                  placeholder="e.g. The refund amount matches the order"
                />
                <label className="visually-hidden" htmlFor={`item-id-${index}`}>
                  Id of checklist item {index + 1}
                </label>
                <input
                  id={`item-id-${index}`}
                  className="input input-id mono"
                  value={item.id}
                  readOnly={item.saved}
                  title={item.saved ? "Saved items keep their id: recorded answers refer to it" : "Lowercase letters, digits and dashes"}
                  aria-invalid={idError ? true : undefined}
                  aria-describedby={idError ? `item-id-${index}-error` : undefined}
                  onChange={(e) => update(index, { id: e.target.value, idTouched: true })}
                />
                <Button size="sm" variant="ghost" onClick={() => onChange(items.filter((_, i) => i !== index))} aria-label={`Remove checklist item ${index + 1}`}>
                  Remove
                </Button>
              </div>
              {textError ? (
                <div className="field-error" id={`item-text-${index}-error`}>
                  {textError}
                </div>
              ) : null}
              {idError ? (
                <div className="field-error" id={`item-id-${index}-error`}>
                  {idError}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {issues.checklist ? <div className="field-error">{issues.checklist}</div> : null}
      <Button size="sm" onClick={() => onChange([...items, { id: "", text: "", saved: false, idTouched: false }])} disabled={items.length >= 20}>
        Add checklist item
      </Button>
    </fieldset>
  );
}
