import { Tabs as RadixTabs } from "radix-ui";
import type { ReactNode } from "react";

type Tab = { value: string; label: ReactNode; content: ReactNode };

export function Tabs({ tabs, value, onValueChange, label }: { tabs: Tab[]; value: string; onValueChange: (value: string) => void; label: string }) {
  return (
    <RadixTabs.Root className="tabs" value={value} onValueChange={onValueChange}>
      <RadixTabs.List className="tabs-list" aria-label={label}>
        {tabs.map((tab) => (
          <RadixTabs.Trigger key={tab.value} value={tab.value} className="tabs-trigger">
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {tabs.map((tab) => (
        // Mounted while hidden, so unsaved edits survive switching tabs.
        <RadixTabs.Content key={tab.value} value={tab.value} className="tabs-content" forceMount>
          {tab.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}
