import { Dialog } from "../../components/ui/dialog";
import { Kbd } from "../../components/ui/kbd";
import { shortcutGroups } from "../../lib/shortcuts";

/** The `?` overlay: every shortcut of the workbench. */
export function ShortcutHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="Single-key shortcuts do nothing while you type in a field; press Esc to leave it. Alt shortcuts always work. A shortcut submits the same form as its button and is refused the same way."
      wide
    >
      <div className="shortcut-groups">
        {shortcutGroups.map((group) => (
          <section key={group.title} aria-labelledby={`shortcuts-${group.title}`}>
            <h3 id={`shortcuts-${group.title}`} className="shortcut-group-title">
              {group.title}
            </h3>
            <dl className="shortcut-list">
              {group.shortcuts.map((s) => (
                <div key={s.does} className="shortcut-row">
                  <dt>
                    <Kbd keys={s.keys} />
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
