import { formatCount } from "@countersign/shared/format";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { childrenOf, isContainer, pathKey, pathLabel, searchJson, snippet, type JsonPath } from "../lib/json-search";
import { payloadText } from "../lib/payload";
import { CopyButton } from "./ui/copy-button";
import { UntrustedText } from "./untrusted-text";

/** Children shown per object or array before "Show more"; strings shown in full only on request. */
const pageSize = 100;
const previewChars = 300;
const resultsShown = 20;

type Tree = {
  isOpen: (key: string, depth: number) => boolean;
  toggle: (key: string, open: boolean) => void;
  shownCount: (key: string) => number;
  showMore: (key: string) => void;
  isFull: (key: string) => boolean;
  showFull: (key: string) => void;
  matches: Set<string>;
};

/**
 * A large JSON payload as a tree collapsed below the first level, searchable. Only what is open is
 * rendered (and at most `pageSize` children of anything), so a payload of a megabyte opens at once.
 * Keys and values are untrusted text: rendered as text, bidi controls marked. The whole text (as
 * the screen shows a small payload: pretty-printed JSON) is never drawn, but its size is said and
 * it can be copied whole.
 */
export function JsonTree({ value, label }: { value: Record<string, unknown> | unknown[]; label: string }) {
  const [openDepth, setOpenDepth] = useState(1);
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(new Map());
  const [full, setFull] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState("");
  const [revealed, setRevealed] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Typing stays responsive: the search over the whole payload runs behind the keystrokes.
  const searched = useDeferredValue(query.trim());
  const result = useMemo(() => (searched.length >= 2 ? searchJson(value, searched) : null), [value, searched]);
  const matches = useMemo(() => new Set(result?.matches.map((m) => pathKey(m.path)) ?? []), [result]);
  const text = useMemo(() => payloadText(value), [value]);

  const tree: Tree = {
    isOpen: (key, depth) => toggled.get(key) ?? depth < openDepth,
    toggle: (key, open) => setToggled((prev) => new Map(prev).set(key, open)),
    shownCount: (key) => shown.get(key) ?? pageSize,
    showMore: (key) => setShown((prev) => new Map(prev).set(key, (prev.get(key) ?? pageSize) + pageSize)),
    isFull: (key) => full.has(key),
    showFull: (key) => setFull((prev) => new Set(prev).add(key)),
    matches,
  };

  /** Opens every container on the way to `path` and pages far enough to show it, then scrolls to it. */
  const reveal = (path: JsonPath) => {
    const opened = new Map(toggled);
    const paged = new Map(shown);
    let node: unknown = value;
    path.forEach((step, depth) => {
      const key = pathKey(path.slice(0, depth));
      opened.set(key, true);
      if (!isContainer(node)) return;
      const position = Array.isArray(node) ? Number(step) : Object.keys(node).indexOf(String(step));
      if (position >= (paged.get(key) ?? pageSize)) paged.set(key, Math.ceil((position + 1) / pageSize) * pageSize);
      node = (node as Record<string, unknown>)[step as string];
    });
    setToggled(opened);
    setShown(paged);
    setRevealed(pathKey(path));
  };

  useEffect(() => {
    if (!revealed) return;
    const row = root.current?.querySelector<HTMLElement>(`[data-json-path="${CSS.escape(revealed)}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.focus();
  }, [revealed]);

  return (
    <div className="json-tree" ref={root}>
      <div className="json-tree-tools">
        <input
          type="search"
          className="input input-sm"
          aria-label={`Search ${label}`}
          placeholder="Search keys and values"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => {
            setOpenDepth((d) => d + 1);
            setToggled(new Map());
          }}>
          Open one more level
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => {
            setOpenDepth(1);
            setToggled(new Map());
            setRevealed(null);
          }}>
          Collapse all
        </button>
        <span className="muted json-tree-size">{formatCount(text.length)} characters</span>
        <CopyButton text={text} label={`Copy ${label}`} />
      </div>
      {result ? (
        <div className="json-results">
          <p className="muted" role="status">
            {result.total === 0
              ? "No key or value contains this text."
              : `${result.total} ${result.total === 1 ? "match" : "matches"}${result.total > resultsShown ? `, the first ${resultsShown} listed` : ""}`}
          </p>
          {result.total > 0 ? (
            <ol className="json-result-list" aria-label={`Matches in ${label}`}>
              {result.matches.slice(0, resultsShown).map((match) => (
                <li key={pathKey(match.path)}>
                  <button type="button" className="json-result" onClick={() => reveal(match.path)}>
                    <span className="mono json-result-path">
                      <UntrustedText text={pathLabel(match.path)} />
                    </span>{" "}
                    <span className="json-result-text">
                      <UntrustedText text={snippet(match.text, searched)} />
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
      <div className="payload payload-json" role="group" aria-label={label}>
        <ul className="json-level json-root">
          <JsonNode value={value} path={[]} tree={tree} />
        </ul>
      </div>
    </div>
  );
}

function JsonNode({ name, value, path, tree }: { name?: string | number; value: unknown; path: JsonPath; tree: Tree }) {
  const key = pathKey(path);
  const depth = path.length;
  const label =
    name === undefined ? null : typeof name === "number" ? (
      <span className="json-index">{name}: </span>
    ) : (
      <span className="json-key">
        "<UntrustedText text={name} />":{" "}
      </span>
    );
  const rowClass = tree.matches.has(key) ? "json-row json-match" : "json-row";

  if (!isContainer(value)) {
    return (
      <li className={rowClass} data-json-path={key} tabIndex={-1}>
        {label}
        <JsonScalar value={value} full={tree.isFull(key)} onShowFull={() => tree.showFull(key)} />
      </li>
    );
  }

  const children = childrenOf(value);
  const isArray = Array.isArray(value);
  const open = tree.isOpen(key, depth);
  const size = isArray ? `${children.length} ${children.length === 1 ? "item" : "items"}` : `${children.length} ${children.length === 1 ? "key" : "keys"}`;
  const shown = Math.min(children.length, tree.shownCount(key));
  return (
    <li className={rowClass} data-json-path={key} tabIndex={-1}>
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => tree.toggle(key, !open)} disabled={children.length === 0}>
        <span className="json-caret" aria-hidden="true">
          {children.length === 0 ? " " : open ? "▾" : "▸"}
        </span>
        {label}
        <span className="json-brace">{isArray ? "[" : "{"}</span>
        {open && children.length > 0 ? null : (
          <>
            <span className="muted json-size"> {size} </span>
            <span className="json-brace">{isArray ? "]" : "}"}</span>
          </>
        )}
      </button>
      {open && children.length > 0 ? (
        <>
          <ul className="json-level">
            {children.slice(0, shown).map(([childName, child]) => (
              <JsonNode key={String(childName)} name={childName} value={child} path={[...path, childName]} tree={tree} />
            ))}
          </ul>
          {shown < children.length ? (
            <button type="button" className="btn btn-ghost btn-sm json-more" onClick={() => tree.showMore(key)}>
              Show {Math.min(pageSize, children.length - shown)} more of {children.length - shown} not shown
            </button>
          ) : null}
          <span className="json-brace">{isArray ? "]" : "}"}</span>
        </>
      ) : null}
    </li>
  );
}

function JsonScalar({ value, full, onShowFull }: { value: unknown; full: boolean; onShowFull: () => void }) {
  if (typeof value !== "string") return <span className="json-literal">{JSON.stringify(value)}</span>;
  if (full || value.length <= previewChars) {
    return (
      <span className="json-string">
        "<UntrustedText text={value} />"
      </span>
    );
  }
  // Never end the preview on half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(value[previewChars - 1] ?? "") ? previewChars - 1 : previewChars;
  return (
    <span className="json-string">
      "<UntrustedText text={value.slice(0, end)} />…"{" "}
      <button type="button" className="btn btn-ghost btn-sm" onClick={onShowFull}>
        Show all {formatCount(value.length)} characters
      </button>
    </span>
  );
}
