import type { ReactNode } from "react";

type PanelProps = { id: string; title: string; description?: ReactNode; aside?: ReactNode; className?: string; children: ReactNode };

/** One dashboard panel: a titled region, its purpose in a line, then its figures. */
export function Panel({ id, title, description, aside, className, children }: PanelProps) {
  return (
    <section className={["panel", className].filter(Boolean).join(" ")} aria-labelledby={id}>
      <header className="panel-head">
        <div>
          <h2 id={id} className="panel-title">
            {title}
          </h2>
          {description ? <p className="panel-description">{description}</p> : null}
        </div>
        {aside ? <div className="panel-aside">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}
