import { Collapsible as RadixCollapsible } from "radix-ui";
import type { ReactNode } from "react";

type CollapsibleProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  /** Shown beside the trigger, outside its accessible name. */
  aside?: ReactNode;
  children: ReactNode;
};

/** A disclosure section: the trigger is a button with aria-expanded; the body mounts when open. */
export function Collapsible({ open, onOpenChange, trigger, aside, children }: CollapsibleProps) {
  return (
    <RadixCollapsible.Root className="collapsible" open={open} onOpenChange={onOpenChange}>
      <div className="collapsible-head">
        <RadixCollapsible.Trigger className="collapsible-trigger">
          <span className="collapsible-chevron" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          {trigger}
        </RadixCollapsible.Trigger>
        {aside ? <span className="collapsible-aside">{aside}</span> : null}
      </div>
      {/* Mounted only when open: a closed Radix content still measures itself on mount (a forced layout
          each), which made a review screen with fifty evidence items take a second to appear. */}
      {open ? <RadixCollapsible.Content className="collapsible-content">{children}</RadixCollapsible.Content> : null}
    </RadixCollapsible.Root>
  );
}
