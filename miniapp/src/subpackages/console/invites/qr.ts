import { useCallback, useRef, useState } from 'react';
import type { InviteDto, InviteQrResponse } from '@safemonth/shared';
import { api, isApiError } from '../../../api/client';
import { messageOf } from '../../../utils/errors';

export type QrState =
  | { status: 'loading' }
  | { status: 'ready'; dataUrl: string }
  /** `retry`: false when the invite is gone, expired or used up, where asking again cannot help. */
  | { status: 'failed'; message: string; retry: boolean };

/**
 * One invite's QR code: the list carries none (rendering them all made listing slow), so it is
 * asked for when an invite is shown. A PNG data URL in JSON, as weapp's <Image> cannot send the
 * bearer token that the API needs.
 */
export function fetchInviteQr(invite: Pick<InviteDto, 'id' | 'unit'>): Promise<InviteQrResponse> {
  const path = `/api/units/${encodeURIComponent(invite.unit.id)}/invites/${encodeURIComponent(invite.id)}/qr`;
  return api.get<InviteQrResponse>(path, { toast: false });
}

/** The QR codes of the page, by invite id: each fetched once, when first shown (again after a failure). */
export function useInviteQrs(): { qrs: Record<string, QrState>; showQr: (invite: InviteDto) => void } {
  const [qrs, setQrs] = useState<Record<string, QrState>>({});
  // Asked for or held: a ref, so that two quick taps do not fetch twice before the state updates.
  const asked = useRef(new Set<string>());

  const showQr = useCallback((invite: InviteDto) => {
    if (asked.current.has(invite.id)) return;
    asked.current.add(invite.id);
    const set = (state: QrState) => setQrs((current) => ({ ...current, [invite.id]: state }));
    set({ status: 'loading' });
    fetchInviteQr(invite).then(
      ({ dataUrl }) => set({ status: 'ready', dataUrl }),
      (error: unknown) => {
        asked.current.delete(invite.id);
        const gone = isApiError(error) && (error.status === 404 || error.status === 410);
        set({ status: 'failed', message: messageOf(error, '二维码加载失败，请稍后重试'), retry: !gone });
      },
    );
  }, []);

  return { qrs, showQr };
}
