/** An instant as people read it in the case files: `dd/mm/yyyy HH:mm`, Paris time. */
const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function parisStamp(instant: Date): string {
  const p: Record<string, string> = {};
  for (const part of PARIS.formatToParts(instant)) p[part.type] = part.value;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
