/** China time is UTC+8 all year (no daylight saving since 1991): fixed-offset arithmetic suffices. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO instant as China date and time (`YYYY-MM-DD`, `HH:mm`); empty for an invalid date. */
export function isoToChina(iso: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const t = new Date(ms + CHINA_OFFSET_MS);
  return {
    date: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`,
    time: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`,
  };
}

/** A China date and time (`YYYY-MM-DD`, `HH:mm`) as an ISO instant; undefined when incomplete. */
export function chinaToIso(date: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])) - CHINA_OFFSET_MS;
  return new Date(ms).toISOString();
}

/** A rate from 0 to 1 as a whole percentage: 0.667 → "67%". */
export const percentText = (rate: number) => `${Math.round(rate * 100)}%`;
