/**
 * The loop of a reminder sweep (tasks, agreements): each candidate in turn, in its own transaction
 * inside `remindOne`, which answers null when another worker got there first. One candidate that
 * fails (and is retried next minute) must not hold up the others behind it.
 */
export async function sweepEach(
  ids: string[],
  remindOne: (id: string) => Promise<number | null>,
): Promise<{ reminded: number; recipients: number; failed: { id: string; message: string }[] }> {
  let reminded = 0;
  let recipients = 0;
  const failed: { id: string; message: string }[] = [];
  for (const id of ids) {
    try {
      const sent = await remindOne(id);
      if (sent === null) continue;
      reminded++;
      recipients += sent;
    } catch (error) {
      failed.push({ id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { reminded, recipients, failed };
}
