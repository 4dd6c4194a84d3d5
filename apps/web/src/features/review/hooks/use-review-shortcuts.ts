import type { Outcome } from "@countersign/shared/enums";
import type { RefObject } from "react";
import { useShortcuts } from "../../../hooks/use-shortcuts";
import { focusRadioGroup } from "../components/checklist-field";

type Actions = {
  form: RefObject<HTMLFormElement | null>;
  checklistGroups: RefObject<(HTMLDivElement | null)[]>;
  rationale: RefObject<HTMLTextAreaElement | null>;
  attempt: (outcome: Outcome) => void;
  release: () => void;
  toggleFinish: () => void;
  /** Marks one opened evidence item as supporting (toggles it); false when it cannot be cited. */
  markSupporting: (index: number) => boolean;
  /** Opened evidence items, in order, and those already cited. */
  opened: number[];
  cited: number[];
};

/** The review screen's evidence items in the reading column, each `li[data-evidence]`. */
const evidenceItems = () => [...document.querySelectorAll<HTMLLIElement>("li[data-evidence]")];
const triggerOf = (item: Element) => item.querySelector<HTMLButtonElement>(".collapsible-trigger");

/**
 * `o`: opens the first evidence item not opened yet and puts the focus on it; once every item is
 * open it moves to the next one. Content arrives as it opens (the server records the opening).
 */
function openNextEvidence() {
  const items = evidenceItems();
  const unopened = items.find((item) => item.dataset.opened === "false");
  if (unopened) {
    const trigger = triggerOf(unopened);
    if (trigger?.getAttribute("aria-expanded") !== "true") trigger?.click();
    trigger?.focus();
    return;
  }
  const current = items.findIndex((item) => item.contains(document.activeElement));
  const next = items[(current + 1) % Math.max(items.length, 1)];
  if (next) triggerOf(next)?.focus();
}

/** The evidence item the reviewer is on (focus inside it), if any. */
function evidenceInFocus(): number | null {
  const item = document.activeElement?.closest<HTMLLIElement>("li[data-evidence]");
  return item ? Number(item.dataset.evidence) : null;
}

/**
 * Every step of a review on the keyboard. Plain keys never fire while typing (Esc leaves a field);
 * Alt combinations press the decision buttons, which are refused the same way as a click.
 */
export function useReviewShortcuts(a: Actions) {
  useShortcuts([
    ...Array.from({ length: 9 }, (_, i) => ({ key: String(i + 1), handler: () => focusRadioGroup(a.checklistGroups.current[i] ?? null) })),
    { key: "r", handler: () => a.rationale.current?.focus() },
    {
      key: "v",
      handler: () => {
        const verdict = a.form.current?.querySelector<HTMLDivElement>('[data-shortcut="verdict"]');
        if (verdict) focusRadioGroup(verdict);
      },
    },
    { key: "o", handler: openNextEvidence },
    {
      key: "s",
      handler: () => {
        // The item in focus (ticked or unticked), else the first opened item not yet cited.
        const index = evidenceInFocus() ?? a.opened.find((i) => !a.cited.includes(i));
        if (index === undefined) return;
        if (!a.markSupporting(index)) return;
        // Focus follows to the ticked box, so the reviewer sees (and Space can undo) what was marked.
        window.setTimeout(() => a.form.current?.querySelector<HTMLInputElement>(`input[data-supporting="${index}"]`)?.focus(), 0);
      },
    },
    {
      key: "q",
      handler: () => {
        const check = a.form.current?.querySelector<HTMLDivElement>('[data-shortcut="attention"]');
        if (check) focusRadioGroup(check);
      },
    },
    { key: "f", handler: a.toggleFinish },
    { key: "a", alt: true, handler: () => a.attempt("approved") },
    { key: "m", alt: true, handler: () => a.attempt("modified") },
    { key: "r", alt: true, handler: () => a.attempt("rejected") },
    { key: "e", alt: true, handler: () => a.attempt("escalated") },
    { key: "l", alt: true, handler: a.release },
  ]);
}

/** After a step, the focus goes to the first decision button, never to the page body. */
export function focusDecision(form: HTMLFormElement | null) {
  window.setTimeout(() => form?.querySelector<HTMLButtonElement>(".decision-buttons button")?.focus(), 0);
}
