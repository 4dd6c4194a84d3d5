import { useState } from "react";
import { Button } from "./button";

type CopyButtonProps = {
  /** The text put on the clipboard (or how to write it, when it is large and seldom copied). */
  text: string | (() => string);
  /** The button's accessible name, e.g. "Copy public key". */
  label: string;
  size?: "sm" | "md";
};

/** Copies text to the clipboard and says so in a polite status; says what to do when the clipboard is unavailable. */
export function CopyButton({ text, label, size = "sm" }: CopyButtonProps) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <span className="copy-button">
      <Button size={size} onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="muted copy-status">
        {copied === "yes" ? "Copied." : copied === "failed" ? "The clipboard is not available here: select the text and press Ctrl+C (⌘C)." : ""}
      </span>
    </span>
  );
}
