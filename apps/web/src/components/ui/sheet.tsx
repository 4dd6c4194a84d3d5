import { Dialog as RadixDialog } from "radix-ui";
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { Button } from "./button";

type SheetProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** Under the title; also the dialog's accessible description. */
  description?: ReactNode;
  children?: ReactNode;
};

/**
 * A drill-down panel from the right edge, wide enough for a table of rows: a modal dialog that traps
 * focus and closes with Escape or its Close button (Radix).
 */
export function Sheet({ open, onOpenChange, title, description, children }: SheetProps) {
  // Opened from state (e.g. the URL) rather than a Radix trigger: remember what had focus, and return to it.
  const returnTo = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) returnTo.current = document.activeElement;
  }, [open]);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className="sheet"
          onCloseAutoFocus={(event) => {
            if (returnTo.current?.isConnected) {
              event.preventDefault();
              returnTo.current.focus();
            }
            returnTo.current = null;
          }}
        >
          <div className="sheet-head">
            <div className="sheet-heading">
              <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="dialog-description" asChild>
                  <div>{description}</div>
                </RadixDialog.Description>
              ) : (
                <RadixDialog.Description className="visually-hidden">{title}</RadixDialog.Description>
              )}
            </div>
            <RadixDialog.Close asChild>
              <Button size="sm">Close</Button>
            </RadixDialog.Close>
          </div>
          <div className="sheet-body">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
