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
      { keys: ["v"], aria: "V", does: "Judgement first: go to your own verdict; then a (approve) or r (reject), write why, Enter to record" },
      { keys: ["o"], aria: "O", does: "Open the next evidence item not opened yet (then the next one)" },
      { keys: ["s"], aria: "S", does: "Mark the evidence in focus, or the first opened one, as supporting (again to unmark)" },
      { keys: ["1", "…", "9"], aria: "1", does: "Go to checklist item 1…9; then y/n/a (or ←/→) to answer and move on" },
      { keys: ["r"], aria: "R", does: "Write the rationale" },
      { keys: ["q"], aria: "Q", does: "Go to the attention check; then 1…4 to answer" },
      { keys: ["f"], aria: "F", does: "Finish after this one: after the decision, back to the queue without claiming" },
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
  finishAfter: { keys: ["f"], aria: "F" },
} as const;
