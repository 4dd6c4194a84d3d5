import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { useNow } from "../../../hooks/use-now";
import { errorCode, errorMessage, issuesByPath, retryAfterSeconds } from "../../../lib/errors";
import { formatDurationRounded } from "@countersign/shared/format";
import { useTRPC } from "../../../lib/trpc";
import type { SsoRefusal } from "@countersign/shared/sso";
import { DemoAccounts } from "./demo-accounts";
import { SsoRefusalMessage, SsoSignInLink } from "./sso-sign-in";

type SignInFormProps = {
  demo: boolean;
  /** Whether this instance accepts passwords, offers single sign-on, and why the last SSO attempt was refused. */
  passwordSignIn: boolean;
  sso: boolean;
  ssoRefusal: SsoRefusal | null;
  onSignedIn: () => void;
};

/** Email and password, and "Sign in with SSO" where configured; the server sets an httpOnly session cookie. */
export function SignInForm({ demo, passwordSignIn, sso, ssoRefusal, onSignedIn }: SignInFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // After a 429 the server says how long to wait; the form counts it down and holds the button.
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const now = useNow(1000);
  const waitMs = lockedUntil === null ? 0 : Math.max(0, lockedUntil - now);
  const submitRef = useRef<HTMLButtonElement>(null);
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onError: (error) => {
        const seconds = errorCode(error) === "TOO_MANY_REQUESTS" ? retryAfterSeconds(error) : undefined;
        setLockedUntil(seconds === undefined ? null : Date.now() + seconds * 1000);
      },
      onSuccess: async () => {
        await queryClient.resetQueries();
        await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        onSignedIn();
      },
    }),
  );
  const issues = signIn.isError ? issuesByPath(signIn.error) : {};
  const fieldIssue = issues.email ?? issues.password;
  const throttled = signIn.isError && errorCode(signIn.error) === "TOO_MANY_REQUESTS";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  const title = (
    <h1 id="sign-in-title" className="sign-in-title">
      Sign in to Countersign
    </h1>
  );
  const singleSignOn = (
    <>
      {ssoRefusal ? <SsoRefusalMessage refusal={ssoRefusal} /> : null}
      {sso ? <SsoSignInLink /> : null}
      {sso && passwordSignIn ? (
        <p className="sign-in-or" aria-hidden="true">
          or with your password
        </p>
      ) : null}
    </>
  );
  if (!passwordSignIn) {
    return (
      <div className="sign-in sign-in-sso-only">
        <section className="sign-in-form" aria-labelledby="sign-in-title">
          {title}
          {singleSignOn}
          <p className="sign-in-note">This Countersign signs people in through your company's identity provider only.</p>
        </section>
      </div>
    );
  }

  return (
    <div className="sign-in">
      <form className="sign-in-form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        {title}
        {singleSignOn}
        <FormField label="Email" error={issues.email}>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoFocus={!sso}
          />
        </FormField>
        <FormField label="Password" error={issues.password}>
          <input
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </FormField>
        {throttled ? (
          <p className="form-error" role="alert">
            Too many sign-in attempts. {waitMs > 0 ? <>Try again in <strong>{formatDurationRounded(waitMs / 1000)}</strong>.</> : "You can try again now."}
          </p>
        ) : signIn.isError && !fieldIssue ? (
          <p className="form-error" role="alert">
            {errorMessage(signIn.error)}
          </p>
        ) : null}
        <Button ref={submitRef} type="submit" variant={sso ? "secondary" : "primary"} disabled={signIn.isPending || waitMs > 0} className="sign-in-submit">
          Sign in
        </Button>
      </form>
      {demo ? (
        <DemoAccounts
          onPick={(pickedEmail, pickedPassword) => {
            setEmail(pickedEmail);
            setPassword(pickedPassword);
            signIn.reset();
            submitRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
