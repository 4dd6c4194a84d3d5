/**
 * A keyboard hint. With `hidden` it is decoration only (aria-hidden), for use inside a control
 * whose accessible name must stay exactly its label.
 */
export function Kbd({ keys, hidden = false }: { keys: readonly string[]; hidden?: boolean }) {
  return (
    <span className="kbd-group" aria-hidden={hidden || undefined}>
      {keys.map((key) => (
        <kbd key={key} className="kbd">
          {key}
        </kbd>
      ))}
    </span>
  );
}
