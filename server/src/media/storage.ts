import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A stored file opened for reading. */
export interface StoredFile {
  body: Readable;
  size: number;
}

/**
 * Where media files live, by key (`originals/ab/<id>`). Callers only use this interface, so an
 * S3-compatible store can replace the local disk by providing another implementation under
 * `MEDIA_STORAGE`.
 */
export interface MediaStorage {
  /** Stores everything `source` yields under `key`, with backpressure; nothing is left under `key` if it fails. */
  put(key: string, source: Readable): Promise<void>;
  /**
   * Stores the complete local file at `path` under `key` and takes it over: afterwards it is gone
   * from `path`, whether this succeeded or not. (The local disk moves it; an object store uploads it.)
   */
  putFile(key: string, path: string): Promise<void>;
  /** The file under `key`, or null when there is none. */
  open(key: string): Promise<StoredFile | null>;
  /** Removes the file under `key`; no error when it is already gone. */
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Files under one folder (MEDIA_DIR), a key being a relative path. */
export class LocalDiskStorage implements MediaStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, source: Readable): Promise<void> {
    const path = this.path(key);
    // Written beside its final name and renamed once complete, so a reader never sees half a file.
    const partial = `${path}.${randomUUID()}.partial`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(source, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async putFile(key: string, path: string): Promise<void> {
    try {
      const target = this.path(key);
      await mkdir(dirname(target), { recursive: true });
      try {
        // Uploads arrive under the same folder, so this is a rename: no second copy of the bytes.
        return await rename(path, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      }
      await this.put(key, createReadStream(path));
    } finally {
      await rm(path, { force: true });
    }
  }

  async open(key: string): Promise<StoredFile | null> {
    const size = await this.size(key);
    return size === null ? null : { body: createReadStream(this.path(key)), size };
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  private size(key: string): Promise<number | null> {
    return stat(this.path(key)).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
  }

  /**
   * Keys are made by the server, but one that would leave the folder, or reach a dot-folder (where
   * uploads in progress are kept), is refused all the same.
   */
  private path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep) || key.startsWith('.')) throw new Error(`invalid storage key ${key}`);
    return path;
  }
}
