import { Suspense, useState } from "react";
import { Outlet } from "react-router";
import { Skeleton } from "../../components/ui/skeleton";
import { DemoBanner } from "../../features/auth/components/demo-banner";
import { useShortcuts } from "../../hooks/use-shortcuts";
import { ShortcutHelp } from "./shortcut-help";

/** Around every page, signed in or not: the demo banner and the `?` shortcut overlay. */
export function RootLayout() {
  const [helpOpen, setHelpOpen] = useState(false);
  useShortcuts([{ key: "?", handler: () => setHelpOpen(true) }]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <Suspense
        fallback={
          <main id="main" className="page page-narrow">
            <Skeleton lines={3} />
          </main>
        }
      >
        <Outlet context={{ openHelp: () => setHelpOpen(true) }} />
      </Suspense>
      <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
    </>
  );
}
