import { useEffect, useRef, useState } from 'react';
import { hazardReportsApi } from '../../../api/endpoints';
import { messageOf } from '../../../utils/errors';

interface Held {
  campaignId: string;
  pass?: string;
  failure?: string;
}

/**
 * The campaign's pass for anonymous reports, while `campaignId` names a campaign that wants one.
 * Fetched with the session as soon as it is wanted — when the form opens, long before the report
 * goes — so that the report and its files go without the session and no signed-in call comes with
 * them. Kept in the page alone (never stored), and kept while the reporter switches anonymity.
 */
export function useHazardPass(campaignId: string | undefined) {
  const [held, setHeld] = useState<Held>();
  const [attempt, setAttempt] = useState(0);
  const heldRef = useRef(held);
  heldRef.current = held;

  useEffect(() => {
    if (!campaignId || (heldRef.current?.campaignId === campaignId && heldRef.current.pass)) return;
    let current = true;
    setHeld({ campaignId });
    hazardReportsApi.pass(campaignId, { toast: false }).then(
      ({ pass }) => current && setHeld({ campaignId, pass }),
      (error: unknown) => current && setHeld({ campaignId, failure: messageOf(error, '匿名举报准备失败，请稍后重试') }),
    );
    return () => {
      current = false;
    };
  }, [campaignId, attempt]);

  const mine = campaignId && held?.campaignId === campaignId ? held : undefined;
  return {
    /** Wanted and not (yet) had: anonymous files and the report wait for it. */
    missing: Boolean(campaignId) && !mine?.pass,
    pass: mine?.pass,
    /** Why it could not be had (until `retry`). */
    failure: mine?.failure,
    retry: () => setAttempt((n) => n + 1),
  };
}
