import { useEffect, useRef, useState } from 'react';
import { hazardReportsApi } from '../../../api/endpoints';
import { useUploadQueue } from '../../../utils/useUploadQueue';

/** A photo or video chosen for the report: a File on h5, a temp file's path on weapp. */
export interface PickedFile {
  name: string;
  kind: 'photo' | 'video';
  file?: Blob;
  tempFilePath?: string;
}

export interface HazardFile extends PickedFile {
  key: string;
  /** What to show of a photo: the weapp temp path, or an h5 blob: URL. */
  preview?: string;
  /** Once on the server. */
  mediaId?: string;
}

/** Where the files go: the campaign, and for which kind of report (`hazardReportsApi.uploadMedia`). */
export interface UploadTarget {
  campaignId: string;
  anonymous: boolean;
  /** The campaign's pass, for an anonymous report where it takes reports from its own people only. */
  pass?: string;
}

let picks = 0;

/**
 * The report's photos and videos, uploaded as soon as they are chosen (a few at a time, with
 * progress and retry) to `target`, which the page keeps fixed while files are there. Kept in the
 * page alone: nothing of a hazard report is stored on the phone.
 */
export function useHazardMedia(target: UploadTarget | undefined) {
  const [files, setFiles] = useState<HazardFile[]>([]);
  /** The latest list, for uploads ending between renders. */
  const filesRef = useRef<HazardFile[]>([]);
  const targetRef = useRef(target);
  targetRef.current = target;

  const commit = (next: HazardFile[]) => {
    filesRef.current = next;
    setFiles(next);
  };
  const release = (entry: HazardFile) => {
    if (entry.preview?.startsWith('blob:')) URL.revokeObjectURL(entry.preview);
  };
  useEffect(() => () => filesRef.current.forEach(release), []);

  const queue = useUploadQueue(async (key, onProgress) => {
    const entry = filesRef.current.find((f) => f.key === key);
    const to = targetRef.current;
    if (!entry || !to) return;
    const source = entry.file ? { file: entry.file, fileName: entry.name } : { filePath: entry.tempFilePath };
    const media = await hazardReportsApi.uploadMedia(to.campaignId, to, source, onProgress, { toast: false });
    // A file removed meanwhile stays removed.
    commit(filesRef.current.map((f) => (f.key === key ? { ...f, kind: media.kind, mediaId: media.id } : f)));
  });

  const states = files.map((f) => queue.states[f.key]?.state);
  return {
    files,
    stateOf: (key: string) => queue.states[key],
    uploading: states.some((state) => state === 'queued' || state === 'uploading'),
    failed: states.includes('failed'),
    mediaIds: files.flatMap((f) => (f.mediaId ? [f.mediaId] : [])),
    add: (picked: PickedFile[]) => {
      const added = picked.map((p): HazardFile => {
        picks += 1;
        const preview =
          p.kind !== 'photo' ? undefined : p.file ? (typeof URL.createObjectURL === 'function' ? URL.createObjectURL(p.file) : undefined) : p.tempFilePath;
        return { ...p, key: `h${picks}`, preview };
      });
      commit([...filesRef.current, ...added]);
      queue.enqueue(added.map((f) => f.key));
    },
    retry: (key: string) => queue.enqueue([key]),
    remove: (key: string) => {
      const entry = filesRef.current.find((f) => f.key === key);
      if (entry) release(entry);
      queue.forget(key);
      commit(filesRef.current.filter((f) => f.key !== key));
    },
    /** Forgets every file (after the report went). */
    clear: () => {
      filesRef.current.forEach(release);
      queue.clear();
      commit([]);
    },
  };
}
