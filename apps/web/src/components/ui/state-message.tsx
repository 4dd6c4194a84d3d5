import type { ReactNode } from "react";

type StateMessageProps = {
  tone?: "empty" | "error" | "info" | "success" | "warning";
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
};

/** Empty, error and notice states: says what happened and what to do next. */
export function StateMessage({ tone = "empty", title, children, action }: StateMessageProps) {
  return (
    <div className={`state state-${tone}`} role={tone === "error" ? "alert" : tone === "empty" ? undefined : "status"}>
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
      {action ? <div className="state-action">{action}</div> : null}
    </div>
  );
}
