/** Every shortcut of the workbench, in one place: the help overlay and the hints read this. */
export type ShortcutHelp = { keys: readonly string[]; aria: string; does: string };

export const shortcutGroups: { title: string; shortcuts: ShortcutHelp[] }[] = [
  {
    title: "Anywhere",
    shortcuts: [{ keys: ["?"], aria: "Shift+?", does: "Show this list of shortcuts" }],
  },
  {
    title: "Queue",
    shortcuts: [
      { keys: ["j"], aria: "J", does: "Move to the next row" },
      { keys: ["k"], aria: "K", does: "Move to the previous row" },
      { keys: ["Enter"], aria: "Enter", does: "Open the row (claim it, for reviewers)" },
      { keys: ["c"], aria: "C", does: "Claim next" },
      { keys: ["/"], aria: "/", does: "Search" },
    ],
  },
  {
    title: "Review",
    shortcuts: [
      { keys: ["1", "…", "9"], aria: "1", does: "Go to checklist item 1…9; then ←/→ or y/n/a to answer" },
      { keys: ["r"], aria: "R", does: "Write the rationale" },
      { keys: ["Alt", "A"], aria: "Alt+A", does: "Approve" },
      { keys: ["Alt", "M"], aria: "Alt+M", does: "Modify (shows the corrected output first)" },
      { keys: ["Alt", "R"], aria: "Alt+R", does: "Reject" },
      { keys: ["Alt", "E"], aria: "Alt+E", does: "Escalate" },
      { keys: ["Alt", "L"], aria: "Alt+L", does: "Release back to the queue" },
      { keys: ["Esc"], aria: "Escape", does: "Leave a text field (then shortcuts work again)" },
    ],
  },
];

export const keys = {
  claimNext: { keys: ["c"], aria: "C" },
  approve: { keys: ["Alt", "A"], aria: "Alt+A" },
  modify: { keys: ["Alt", "M"], aria: "Alt+M" },
  reject: { keys: ["Alt", "R"], aria: "Alt+R" },
  escalate: { keys: ["Alt", "E"], aria: "Alt+E" },
  release: { keys: ["Alt", "L"], aria: "Alt+L" },
} as const;
