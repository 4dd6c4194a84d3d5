/** "escalation.decided" → "escalation decided"; the raw action stays visible beside it. */
export function actionWords(action: string): string {
  return action.replace(".", " ").replaceAll("_", " ");
}
