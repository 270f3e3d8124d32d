import { createHmac, timingSafeEqual } from 'node:crypto';
import { HazardPassDto } from '@safemonth/shared';

const HOUR_MS = 60 * 60 * 1000;
const LIFETIME_MS = 24 * HOUR_MS;
/** Far longer than any pass this module makes: anything longer is refused before any HMAC. */
const MAX_LENGTH = 256;

/**
 * Anonymous reporting passes: what lets an anonymous report into a campaign that takes reports from
 * its own people only, without a bearer token going along. Stateless and personless: the campaign
 * and the expiry, signed. The expiry is a whole hour a day ahead, so all the passes of a campaign
 * issued within one hour are the same, and a pass tells nobody who fetched it or when.
 */
export function issuePass(receiptSecret: string, campaignId: string, now: Date): HazardPassDto {
  const expires = Math.ceil((now.getTime() + LIFETIME_MS) / HOUR_MS) * HOUR_MS;
  return { pass: signed(receiptSecret, `${campaignId}.${expires / 1000}`), expiresAt: new Date(expires).toISOString() };
}

/** Whether `pass` is, character for character, one `issuePass` made for this campaign, not yet expired. */
export function isPassFor(receiptSecret: string, pass: string, campaignId: string, now: Date): boolean {
  if (pass.length > MAX_LENGTH) return false;
  const payload = Buffer.from(pass.split('.')[0], 'base64url').toString();
  const expected = Buffer.from(signed(receiptSecret, payload));
  const given = Buffer.from(pass);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  // Ours: the payload is what issuePass wrote, the campaign's id and the expiry in epoch seconds.
  const dot = payload.lastIndexOf('.');
  return payload.slice(0, dot) === campaignId && Number(payload.slice(dot + 1)) * 1000 > now.getTime();
}

/**
 * The payload in base64url, a dot, and its HMAC-SHA-256 in base64url, under a key of its own
 * derived from HAZARD_RECEIPT_SECRET (neither the receipt codes' key itself nor the tokens').
 */
function signed(receiptSecret: string, payload: string): string {
  const key = createHmac('sha256', receiptSecret).update('hazard-reporting-pass').digest();
  return `${Buffer.from(payload).toString('base64url')}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}
