import { useRef, useState } from 'react';
import { messageOf } from './errors';

/** At most this many files upload at once (WeChat allows 10 network calls in all). */
const PARALLEL_UPLOADS = 3;

export interface UploadState {
  state: 'queued' | 'uploading' | 'failed';
  /** Percent, or undefined while the platform has reported none (h5 reports none at all). */
  progress?: number;
  error?: string;
}

/** Uploads one file; `onProgress` takes percents. Throws when the upload failed. */
export type Upload = (key: string, onProgress: (percent: number) => void) => Promise<unknown>;

/**
 * Uploads files by key, `parallel` at a time, with each one's state: queued, uploading (with its
 * progress), failed (with why, until retried), or none once done. A file forgotten while it uploads
 * gets no state when its upload ends.
 */
export function useUploadQueue(upload: Upload, parallel = PARALLEL_UPLOADS) {
  const [states, setStates] = useState<Record<string, UploadState>>({});
  /** Keys with a state: queued, uploading or failed. */
  const tracked = useRef(new Set<string>());
  const waiting = useRef<string[]>([]);
  const active = useRef(0);
  const uploadRef = useRef(upload);
  uploadRef.current = upload;

  const setState = (key: string, state: UploadState | undefined) => {
    if (state) tracked.current.add(key);
    else tracked.current.delete(key);
    setStates((current) => {
      const next = { ...current };
      if (state) next[key] = state;
      else delete next[key];
      return next;
    });
  };
  /** Only a file still tracked takes the outcome of its upload. */
  const settle = (key: string, state: UploadState | undefined) => {
    if (tracked.current.has(key)) setState(key, state);
  };

  const uploadOne = async (key: string) => {
    setState(key, { state: 'uploading' });
    try {
      await uploadRef.current(key, (percent) => settle(key, { state: 'uploading', progress: percent }));
      settle(key, undefined);
    } catch (error) {
      settle(key, { state: 'failed', error: messageOf(error, '上传失败') });
    }
  };

  const pump = () => {
    while (active.current < parallel && waiting.current.length > 0) {
      const key = waiting.current.shift() as string;
      active.current += 1;
      void uploadOne(key).finally(() => {
        active.current -= 1;
        pump();
      });
    }
  };

  return {
    states,
    /** Queues files (again, to retry one). */
    enqueue: (keys: string[]) => {
      for (const key of keys) setState(key, { state: 'queued' });
      waiting.current.push(...keys);
      pump();
    },
    /** Marks a file failed without uploading it (e.g. its file is gone). */
    fail: (key: string, error: string) => setState(key, { state: 'failed', error }),
    /** Drops a file: not uploaded if still waiting, no state when its upload ends. */
    forget: (key: string) => {
      waiting.current = waiting.current.filter((k) => k !== key);
      setState(key, undefined);
    },
    /** Drops every file. */
    clear: () => {
      waiting.current = [];
      tracked.current.clear();
      setStates({});
    },
  };
}
