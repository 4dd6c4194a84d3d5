import { StateMessage } from "../../../components/ui/state-message";
import { UntrustedText } from "../../../components/untrusted-text";
import { SignOutButton } from "./sign-out-button";

/**
 * A person signed in through single sign-on whose provider groups map to no role: their account
 * exists, nothing is open to them, and they are told who can change that.
 */
export function WaitingForRole({ name, email, rolesFromProvider }: { name: string; email: string; rolesFromProvider: boolean }) {
  return (
    <main id="main" className="page page-narrow">
      <StateMessage tone="info" title="Waiting for an administrator to grant you a role" action={<SignOutButton />}>
        <p>
          You are signed in as <UntrustedText text={name} /> (<UntrustedText text={email} />), but your account has no role in Countersign
          yet, so there is nothing here you may open.
        </p>
        <p>
          {rolesFromProvider
            ? "Your roles come from your company's identity provider: ask your administrator to add you to a group that grants a Countersign role, then sign in again."
            : "Ask a Countersign administrator to grant you a role, then reload this page."}
        </p>
      </StateMessage>
    </main>
  );
}
