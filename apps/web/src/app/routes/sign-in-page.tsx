import { isSsoRefusal } from "@countersign/shared/sso";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Skeleton } from "../../components/ui/skeleton";
import { SignInForm } from "../../features/auth/components/sign-in-form";
import { useCurrentUser } from "../../hooks/use-current-user";
import { useInstance } from "../../hooks/use-instance";

export function SignInPage() {
  const navigate = useNavigate();
  const me = useCurrentUser();
  const instance = useInstance();
  // The identity provider's return sends a refused sign-in back here with the reason (?sso=domain_not_allowed).
  const [search] = useSearchParams();
  const refusal = search.get("sso");
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
      <SignInForm
        demo={!!instance.data?.demo}
        passwordSignIn={instance.data?.passwordSignIn ?? true}
        sso={!!instance.data?.sso}
        ssoRefusal={isSsoRefusal(refusal) ? refusal : null}
        onSignedIn={() => void navigate("/queue", { replace: true })}
      />
    </main>
  );
}
