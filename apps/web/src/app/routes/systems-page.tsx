import { SystemsIndex } from "../../features/system-health/components/systems-index";

export function SystemsPage() {
  return (
    <div className="page">
      <SystemsIndex />
    </div>
  );
}
