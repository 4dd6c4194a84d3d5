import { demoAccounts, demoPassword } from "../api/demo-accounts";

/** Demo only: one click fills the sign-in form with an account. */
export function DemoAccounts({ onPick }: { onPick: (email: string, password: string) => void }) {
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title" className="demo-accounts-title">
        Demo accounts
      </h2>
      <p className="muted">
        Pick one to fill the form. The password for all of them is <code>{demoPassword}</code>.
      </p>
      <ul className="demo-account-list">
        {demoAccounts.map((account) => (
          <li key={account.email}>
            <button type="button" className="demo-account" onClick={() => onPick(account.email, demoPassword)}>
              <span className="demo-account-email">{account.email}</span>
              <span className="demo-account-roles">{account.roles}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
