import { Navigate, useNavigate } from "react-router";
import { Skeleton } from "../../components/ui/skeleton";
import { SignInForm } from "../../features/auth/components/sign-in-form";
import { useCurrentUser } from "../../hooks/use-current-user";
import { useInstance } from "../../hooks/use-instance";

export function SignInPage() {
  const navigate = useNavigate();
  const me = useCurrentUser();
  const instance = useInstance();
  if (me.isPending || instance.isPending) {
    return (
      <main id="main" className="page page-narrow">
        <Skeleton lines={3} />
      </main>
    );
  }
  if (me.data) return <Navigate to="/queue" replace />;
  return (
    <main id="main" className="page page-narrow">
      <SignInForm demo={!!instance.data?.demo} onSignedIn={() => void navigate("/queue", { replace: true })} />
    </main>
  );
}
