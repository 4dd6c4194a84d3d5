import { useInstance } from "../../../hooks/use-instance";

/** Across every page of a demo instance, so nobody mistakes it for production. */
export function DemoBanner() {
  const { data } = useInstance();
  if (!data?.demo) return null;
  return (
    <div className="demo-banner" role="note" aria-label="Demo instance">
      <strong>Demo</strong>
      <span>This is a demo instance with sample data. Do not enter real information.</span>
    </div>
  );
}
