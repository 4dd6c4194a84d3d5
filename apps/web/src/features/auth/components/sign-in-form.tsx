import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button";
import { FormField } from "../../../components/ui/form-field";
import { errorMessage, issuesByPath } from "../../../lib/errors";
import { useTRPC } from "../../../lib/trpc";
import { DemoAccounts } from "./demo-accounts";

/** Email and password; the server sets an httpOnly session cookie. */
export function SignInForm({ demo, onSignedIn }: { demo: boolean; onSignedIn: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const submitRef = useRef<HTMLButtonElement>(null);
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.resetQueries();
        await queryClient.fetchQuery(trpc.auth.me.queryOptions());
        onSignedIn();
      },
    }),
  );
  const issues = signIn.isError ? issuesByPath(signIn.error) : {};
  const fieldIssue = issues.email ?? issues.password;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <div className="sign-in">
      <form className="sign-in-form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className="sign-in-title">
          Sign in to Countersign
        </h1>
        <FormField label="Email" error={issues.email}>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoFocus
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
        {signIn.isError && !fieldIssue ? (
          <p className="form-error" role="alert">
            {errorMessage(signIn.error)}
          </p>
        ) : null}
        <Button ref={submitRef} type="submit" variant="primary" disabled={signIn.isPending} className="sign-in-submit">
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
