/**
 * Whose deadlines a person sees, and how loudly. Shared so that the server's "next deadline" and the
 * app's countdowns agree.
 */
import type { DeliverableKind } from '../campaigns';

const HOUR_MS = 60 * 60 * 1000;

/** Red under a day, amber under three days, neutral beyond; `past` once due. */
export type DeadlineUrgency = 'past' | 'urgent' | 'soon' | 'later';

export const URGENT_WITHIN_MS = 24 * HOUR_MS;
export const SOON_WITHIN_MS = 3 * 24 * HOUR_MS;

export function deadlineUrgency(dueAt: string, now: number): DeadlineUrgency {
  const left = Date.parse(dueAt) - now;
  if (!(left > 0)) return 'past';
  if (left < URGENT_WITHIN_MS) return 'urgent';
  if (left < SOON_WITHIN_MS) return 'soon';
  return 'later';
}

/**
 * The deliverables that are the person's to meet. Every deliverable is its unit's; the liaison form
 * is filled only by a liaison (or watched by the campaign's managers), so staff never see it.
 */
export function deliverablesToMeet<T extends { kind: DeliverableKind }>(deliverables: readonly T[], fillsLiaisonForm: boolean): T[] {
  return deliverables.filter((d) => fillsLiaisonForm || d.kind !== 'liaison_form');
}
