import { useEffect, useRef, useState } from 'react';
import type { CampaignDto, CreateReportRequest, MediaDto, MeResponse, ReportDto, ReportInput } from '@safemonth/shared';
import { NETWORK_ERROR, isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { reportsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { onReconnect } from '../../../utils/network';
import {
  dropFile,
  keepFile,
  loadDraft,
  removeDraft,
  reportingUnits,
  saveDraft,
  type DraftMedia,
  type ReportDraft,
} from '../../../utils/reports';
import { draftFromReport, emptyDraft } from './draft';

/** What a draft starts from: a draft kept on the phone, else the report being changed, else nothing. */
export interface DraftSource {
  campaign: CampaignDto;
  me: MeResponse;
  /** The report being changed, if any. */
  report: ReportDto | null;
}

/** A photo or video chosen for the draft: a File on h5, a temp file's path on weapp. */
export interface PickedFile {
  name: string;
  kind: DraftMedia['kind'];
  file?: Blob;
  tempFilePath?: string;
}

export interface ReportDraftOptions {
  campaignId: string;
  /** The report being changed; none for a new one. */
  reportId?: string;
  /** undefined until loaded; the draft starts once it is there. */
  source: DraftSource | undefined;
  /** What to send, or undefined when the draft cannot go yet (the page says why). */
  prepare: (draft: ReportDraft) => ReportInput | undefined;
  onSent: (report: ReportDto) => void;
}

let localKeys = 0;
const nextLocalKey = () => `f${Date.now().toString(36)}${(localKeys += 1)}`;

/**
 * The 报活动 draft, kept on the phone with its idempotency key (and, on weapp, its files) until the
 * server has the report: every change is stored at once. A send that fails for want of a network
 * marks the draft; it goes again by itself when the connection comes back or the form opens again
 * online, with the same key, so that the server never files it twice.
 */
export function useReportDraft({ campaignId, reportId, source, prepare, onSent }: ReportDraftOptions) {
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [offline, setOffline] = useState(false);
  /** The latest draft, for uploads ending and sends starting between renders. */
  const draftRef = useRef<ReportDraft | null>(null);
  /** The draft just started was left unsent for want of a network: it goes as soon as it shows. */
  const resendOnStart = useRef(false);
  /** A reconnection and a tap may both ask to send before the page renders again. */
  const sendingRef = useRef(false);
  /** h5: the picked files (kept to retry an upload) and their previews (blob: URLs), never stored. */
  const files = useRef(new Map<string, Blob>());
  const previews = useRef(new Map<string, string>());

  const commit = (next: ReportDraft | null) => {
    draftRef.current = next;
    setDraft(next);
    if (next) saveDraft(campaignId, next, reportId);
  };

  const update = (change: Partial<ReportDraft> | ((current: ReportDraft) => Partial<ReportDraft>)) => {
    const current = draftRef.current;
    if (current) commit({ ...current, ...(typeof change === 'function' ? change(current) : change) });
  };

  /** Lets go of what the phone or browser holds for a file of the draft. */
  const release = (entry: DraftMedia) => {
    dropFile(entry.localPath);
    const preview = previews.current.get(entry.key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(entry.key);
    files.current.delete(entry.key);
  };

  const start = (from: DraftSource) => {
    const stored = loadDraft(campaignId, reportId);
    const next = stored ?? (from.report ? draftFromReport(from.report) : emptyDraft());
    const units = reportingUnits(from.campaign, from.me);
    if (!next.unitId && units.length === 1) next.unitId = units[0].id;
    setOffline(Boolean(stored?.pendingResend));
    resendOnStart.current = Boolean(stored?.pendingResend);
    commit(next);
  };

  // The draft starts as soon as what it starts from has loaded.
  useEffect(() => {
    if (source && !draftRef.current) start(source);
  });

  useEffect(
    () => () => {
      for (const preview of previews.current.values()) URL.revokeObjectURL(preview);
    },
    [],
  );

  const send = useAction(
    // A change answers the whole report; a new one joins my reports. Lists of reports load again either way.
    reportId ? keys.report(reportId) : keys.reports(campaignId, { mine: true }),
    ({ input, sent }: { input: ReportInput; sent: ReportDraft }): Promise<ReportDto> => {
      if (reportId) return reportsApi.update(reportId, input, { toast: false });
      const body: CreateReportRequest = { ...input, idempotencyKey: sent.idempotencyKey, campaignId, unitId: sent.unitId };
      return reportsApi.create(body, { toast: false });
    },
    {
      fallback: '提交失败，请稍后重试',
      populate: Boolean(reportId),
      stale: ['reports'],
      onSuccess: (report, { sent }) => {
        removeDraft(campaignId, reportId);
        sent.media.forEach(release);
        setOffline(false);
        onSent(report);
      },
      onError: (error) => {
        const unreachable = isApiError(error) && error.code === NETWORK_ERROR;
        setOffline(unreachable);
        update({ pendingResend: unreachable });
      },
    },
  );

  const submit = async () => {
    const current = draftRef.current;
    if (!current || sendingRef.current) return;
    const input = prepare(current);
    if (!input) return;
    sendingRef.current = true;
    try {
      await send.run({ input, sent: current });
    } finally {
      sendingRef.current = false;
    }
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  useEffect(() => {
    if (!offline) return undefined;
    return onReconnect(() => void submitRef.current());
  }, [offline]);
  useEffect(() => {
    if (!draft || !resendOnStart.current) return;
    resendOnStart.current = false;
    void submitRef.current();
  }, [draft]);

  const { error } = send;
  const failure =
    send.failure && !offline ? [send.failure, ...(isApiError(error) ? error.details.map((detail) => detail.message) : [])].join('；') : undefined;

  return {
    draft,
    update,
    /** Adds chosen files to the draft; answers their keys, to upload them. */
    addFiles: (picked: PickedFile[]): string[] => {
      const entries = picked.map((file): DraftMedia => {
        const key = nextLocalKey();
        if (file.file) {
          files.current.set(key, file.file);
          if (typeof URL.createObjectURL === 'function' && file.kind === 'photo') previews.current.set(key, URL.createObjectURL(file.file));
        }
        return { key, name: file.name, kind: file.kind, localPath: file.tempFilePath ? keepFile(file.tempFilePath, key) : '' };
      });
      update((d) => ({ media: [...d.media, ...entries] }));
      return entries.map((entry) => entry.key);
    },
    /** The latest draft (an upload starts or ends between renders). */
    current: () => draftRef.current,
    /** h5: the picked file itself, while the page is open. */
    fileOf: (key: string) => files.current.get(key),
    previewOf: (entry: DraftMedia) => entry.localPath || previews.current.get(entry.key),
    /** Records what the server made of an uploaded file (nothing if it was removed meanwhile). */
    uploaded: (key: string, media: MediaDto) =>
      update((d) => ({
        media: d.media.map((m) =>
          m.key === key ? { ...m, mediaId: media.id, kind: media.kind, warnings: media.warnings, alreadyUsedIn: media.alreadyUsedIn } : m,
        ),
      })),
    removeMedia: (key: string) => {
      const entry = draftRef.current?.media.find((m) => m.key === key);
      if (entry) release(entry);
      update((d) => ({ media: d.media.filter((m) => m.key !== key) }));
    },
    /** Sends the draft (what `prepare` makes of it). */
    submit: () => void submit(),
    sending: send.busy,
    /** The last send failed for want of a network (it goes again by itself). */
    offline,
    /** Why the server refused the last send, with its details. */
    failure,
    /** Forgets the draft, files and all, and starts anew from `source`. */
    clear: () => {
      draftRef.current?.media.forEach(release);
      removeDraft(campaignId, reportId);
      send.reset();
      draftRef.current = null;
      if (source) start(source);
      else commit(null);
    },
  };
}
