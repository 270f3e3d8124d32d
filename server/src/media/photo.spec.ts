import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { Sharp } from 'sharp';
import { Photos } from './photo';

describe('Photos', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sm-photo-'));
    for (const size of [10, 20]) {
      await sharp({ create: { width: size, height: size, channels: 3, background: '#c00' } }).png().toFile(file(`${size}.png`));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('decodes at most `decodesAtOnce` photos at a time, the others waiting their turn', async () => {
    // Every decode is counted while it runs; the first ones are held until the others have queued.
    // Seen as the one form photo.ts calls (no arguments), not sharp's overloads.
    const prototype = sharp.prototype as { toBuffer: (this: Sharp) => Promise<Buffer> };
    const decode = prototype.toBuffer;
    const held: Array<() => void> = [];
    let open = false;
    let running = 0;
    let most = 0;
    const toBuffer = jest.spyOn(prototype, 'toBuffer').mockImplementation(function (this: Sharp) {
      running++;
      most = Math.max(most, running);
      const turn = open ? Promise.resolve() : new Promise<void>((go) => held.push(go));
      return turn.then(() => decode.call(this)).finally(() => running--);
    });

    const photos = new Photos({ maxPixels: 1_000_000, decodesAtOnce: 2 });
    const thumbnails = Promise.all(Array.from({ length: 5 }, () => photos.thumbnail(file('20.png'))));
    await new Promise(setImmediate);
    expect(held).toHaveLength(2);
    open = true;
    for (const go of held) go();

    for (const thumbnail of await thumbnails) expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 20, height: 20 });
    expect(toBuffer).toHaveBeenCalledTimes(5);
    expect(most).toBe(2);
  });

  it('reads the size of a photo over the cap from its header, refuses to decode it, and goes on with the next', async () => {
    const photos = new Photos({ maxPixels: 399, decodesAtOnce: 1 });
    expect(await photos.facts(file('20.png'))).toMatchObject({ width: 20, height: 20 });
    await expect(photos.thumbnail(file('20.png'))).rejects.toThrow(/pixel limit/);
    // The refused decode gave its turn back.
    expect(await sharp(await photos.thumbnail(file('10.png'))).metadata()).toMatchObject({ format: 'jpeg', width: 10, height: 10 });
  });
});
