import { Button } from "../../../components/ui/button";
import { keys } from "../../../lib/shortcuts";

export function ClaimNextButton({ onClick, pending }: { onClick: () => void; pending: boolean }) {
  return (
    <Button variant="primary" onClick={onClick} aria-disabled={pending || undefined} shortcut={keys.claimNext}>
      Claim next
    </Button>
  );
}
