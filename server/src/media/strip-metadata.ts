import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open as openFile, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { FileType } from './file-type';
import { eraseMetadata } from './iso-bmff';
import { Photos } from './photo';

/** The formats whose metadata can be removed: sharp cannot decode HEIC's HEVC pictures to write them again. */
export function canStripMetadata(type: FileType): boolean {
  return type.format !== 'heic';
}

/**
 * Removes everything a photo or video says about itself (when and where it was taken, the camera,
 * its owner) from the file at `path`, in place: a JPEG or PNG is written again upright from its
 * pixels alone, an MP4 has its metadata boxes and times erased. Answers the size and SHA-256 of
 * the file as it now is.
 */
export async function stripMetadata(path: string, type: FileType, photos: Photos): Promise<{ sizeBytes: number; sha256: string }> {
  if (type.format === 'jpeg' || type.format === 'png') {
    const stripped = `${path}.stripped`;
    try {
      await photos.withoutMetadata(path, stripped, type.format);
      await rename(stripped, path);
    } finally {
      await rm(stripped, { force: true });
    }
  } else if (type.format === 'mp4') {
    const file = await openFile(path, 'r+');
    try {
      await eraseMetadata(file);
    } finally {
      await file.close();
    }
  } else {
    throw new Error(`metadata cannot be stripped from ${type.format}`);
  }
  return digest(path);
}

async function digest(path: string): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  await pipeline(createReadStream(path), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      sizeBytes += chunk.length;
      hash.update(chunk);
    }
  });
  return { sizeBytes, sha256: hash.digest('hex') };
}
