import type { ComponentProps, ReactNode } from "react";
import { Kbd } from "./kbd";

type Variant = "primary" | "secondary" | "danger" | "ghost";

type ButtonProps = ComponentProps<"button"> & {
  variant?: Variant;
  size?: "sm" | "md";
  /** A visible shortcut hint; kept out of the accessible name (aria-keyshortcuts carries it). */
  shortcut?: { keys: readonly string[]; aria: string } | undefined;
  icon?: ReactNode;
};

export function Button({ variant = "secondary", size = "md", shortcut, icon, className, children, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? "button"}
      className={["btn", `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(" ")}
      aria-keyshortcuts={shortcut?.aria}
      {...rest}
    >
      {icon}
      {children}
      {shortcut ? <Kbd keys={shortcut.keys} hidden /> : null}
    </button>
  );
}
