import { useEffect, useRef } from "react";

export type Shortcut = {
  /** `event.key` for plain keys ("j", "/", "?", "1"); a letter for Alt combos. */
  key: string;
  alt?: boolean;
  handler: (event: KeyboardEvent) => void;
};

const textInputTypes = new Set(["text", "search", "email", "password", "number", "url", "tel", "date", "datetime-local", "time"]);

/** True while the user is typing, when plain-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && textInputTypes.has(target.type);
}

function modalOpen(): boolean {
  return document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]') !== null;
}

function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  if (shortcut.alt) {
    // event.code, because Alt+A types "å" on a Mac keyboard.
    return event.altKey && event.code === `Key${shortcut.key.toUpperCase()}`;
  }
  return !event.altKey && event.key === shortcut.key;
}

/**
 * Page-level keyboard shortcuts. Plain keys never fire while typing in a text field; Alt
 * combos do. Nothing fires behind an open dialog.
 */
export function useShortcuts(shortcuts: Shortcut[], enabled = true) {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || modalOpen()) return;
      const shortcut = latest.current.find((s) => matches(s, event));
      if (!shortcut) return;
      if (!shortcut.alt && isTyping(event.target)) return;
      event.preventDefault();
      shortcut.handler(event);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
