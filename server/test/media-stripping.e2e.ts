import { MediaDto } from '@safemonth/shared';
import exifReader from 'exif-reader';
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiException } from '../src/common/api-exception';
import { Media } from '../src/media/media.entity';
import { LooseFile, MediaService } from '../src/media/media.service';
import { box, heic, mp4, photo } from './fixtures/media';
import { newCampaign, newPerson, newUnit } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

const MB = 1024 * 1024;
const LOCATION = '+23.4278+116.0335/';

describe('media: whistleblowers’ files stored without metadata, event photos with theirs', () => {
  let t: TestApp;
  let media: MediaService;
  beforeAll(async () => {
    t = await createTestApp();
    media = t.app.get(MediaService);
  });
  afterAll(() => t.close());

  type LooseOptions = Parameters<MediaService['receiveLoose']>[1];
  const WHISTLEBLOWER: LooseOptions = { maxBytes: 10 * MB, stripMetadata: true, photoFormats: ['jpeg', 'png', 'heic'], videoFormats: ['mp4'] };

  /** `receiveLoose` on a real request: the file sent as a multipart upload to a bare HTTP handler. */
  async function receiveLoose(file: Buffer, name: string, options = WHISTLEBLOWER): Promise<LooseFile> {
    let received: Promise<LooseFile> | undefined;
    await request((req: IncomingMessage, res: ServerResponse) => {
      received = media.receiveLoose(req, options);
      received.then(
        () => res.end(),
        () => res.end(),
      );
    })
      .post('/')
      .attach('file', file, name);
    return received as Promise<LooseFile>;
  }

  /** What a refusal says: its status and error body. */
  const refusal = (attempt: Promise<unknown>) => attempt.then(
    () => null,
    (error: ApiException) => [error.getStatus(), error.body.error.message],
  );

  async function stored(key: string, mime: string): Promise<Buffer> {
    const file = await media.openStored(key, mime);
    expect(file.mime).toBe(mime);
    const bytes = Buffer.concat(await file.body.toArray());
    expect(bytes.length).toBe(file.size);
    return bytes;
  }

  /** Every file under MEDIA_DIR, uploads in progress included. */
  function storedFiles(): string[] {
    const dir = t.config.mediaDir;
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      .sort();
  }

  it('stores a whistleblower’s photo upright with no EXIF, GPS or camera, while an event photo keeps its EXIF GPS', async () => {
    const original = await photo({
      width: 1920,
      height: 1080,
      orientation: 6,
      takenAt: '2026:06:12 09:30:00',
      gps: { latitude: 23.4278, longitude: 116.0335 },
      camera: { make: 'AcmeMaker', model: 'PhoneModelX' },
    });
    const rows = await t.app.get(DataSource).getRepository(Media).count();

    const loose = await receiveLoose(original, 'hazard.jpg');
    expect(loose).toEqual({
      kind: 'photo',
      mime: 'image/jpeg',
      sizeBytes: expect.any(Number),
      width: 1080,
      height: 1920,
      storageKey: expect.stringMatching(/^originals\//),
      thumbnailKey: expect.stringMatching(/^thumbnails\//),
    });
    // A loose file is its holder's to record: no media row.
    expect(await t.app.get(DataSource).getRepository(Media).count()).toBe(rows);
    const kept = await stored(loose.storageKey, loose.mime);
    expect(kept.length).toBe(loose.sizeBytes);
    const metadata = await sharp(kept).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1080, height: 1920 });
    for (const key of ['orientation', 'exif', 'xmp', 'icc', 'iptc'] as const) expect(metadata[key]).toBeUndefined();
    for (const text of ['Exif\0', 'AcmeMaker', 'PhoneModelX', '2026:06:12']) expect(kept.includes(text, 0, 'latin1')).toBe(false);
    const thumbnail = await stored(loose.thumbnailKey as string, 'image/jpeg');
    const small = await sharp(thumbnail).metadata();
    expect(small).toMatchObject({ format: 'jpeg', width: 270, height: 480 });
    expect(small.exif).toBeUndefined();

    // The same photo as an event photo is stored as it came, its position read and kept.
    const root = await newUnit(t);
    const district = await newUnit(t, { parent: root, kind: 'district' });
    const staff = await newPerson(t, { role: 'staff', unit: district });
    const campaign = await newCampaign(t, { organizer: root });
    const uploaded: MediaDto = (
      await t.http().post(`/api/campaigns/${campaign.id}/units/${district.id}/media`).set('authorization', staff.auth).attach('file', original, 'event.jpg').expect(201)
    ).body;
    expect(uploaded.gps).toEqual({ latitude: expect.closeTo(23.4278, 5), longitude: expect.closeTo(116.0335, 5) });
    const row = await t.app.get(DataSource).getRepository(Media).findOneByOrFail({ id: uploaded.id });
    const event = await stored(row.storageKey, 'image/jpeg');
    expect(event.equals(original)).toBe(true);
    const exif = exifReader((await sharp(event).metadata()).exif as Buffer);
    expect(exif.Image).toMatchObject({ Make: 'AcmeMaker', Model: 'PhoneModelX' });
    expect(exif.GPSInfo).toMatchObject({ GPSLatitudeRef: 'N', GPSLongitudeRef: 'E' });
  });

  it('erases a video’s location in place when stripping, and keeps it when not (a rectification’s)', async () => {
    const userData = box('udta', box('©xyz', Buffer.from([0, LOCATION.length, 0x15, 0xc7]), Buffer.from(LOCATION)));
    const video = mp4({ width: 1920, height: 1080, durationSeconds: 5, moovExtra: [userData] });

    const stripped = await receiveLoose(video, 'hazard.mp4');
    expect(stripped).toEqual({ kind: 'video', mime: 'video/mp4', sizeBytes: video.length, width: 1920, height: 1080, storageKey: expect.any(String), thumbnailKey: null });
    const kept = await stored(stripped.storageKey, 'video/mp4');
    expect(kept.length).toBe(video.length);
    expect(kept.includes(LOCATION)).toBe(false);

    const asItCame = await receiveLoose(video, 'rectified.mp4', { ...WHISTLEBLOWER, stripMetadata: false });
    expect((await stored(asItCame.storageKey, 'video/mp4')).equals(video)).toBe(true);
  });

  it('refuses a HEIC photo when stripping (it cannot be), with 415 and nothing left behind; takes it when not', async () => {
    const files = storedFiles();
    const iphone = heic({ width: 4032, height: 3024 });
    expect(await refusal(receiveLoose(iphone, 'IMG_0001.HEIC'))).toEqual([415, 'HEIC 照片无法去除拍摄时间、位置等信息：请上传 JPG、PNG 照片或 MP4 视频']);
    expect(storedFiles()).toEqual(files);
    expect(await receiveLoose(iphone, 'IMG_0001.HEIC', { ...WHISTLEBLOWER, stripMetadata: false })).toMatchObject({ kind: 'photo', mime: 'image/heic', width: 4032, height: 3024 });
  });

  it('refuses a file over maxBytes or of a format not taken, as uploads are', async () => {
    const files = storedFiles();
    const large = await photo({ width: 1000, height: 1000, noise: true });
    expect(await refusal(receiveLoose(large, 'large.jpg', { ...WHISTLEBLOWER, maxBytes: MB / 2 }))).toEqual([413, '文件过大：上传的文件不能超过 0.5 MB']);
    const png = await photo({ width: 100, height: 100, format: 'png' });
    expect(await refusal(receiveLoose(png, 'p.png', { ...WHISTLEBLOWER, photoFormats: ['jpeg'] }))).toEqual([415, '本活动不接受 PNG 格式的照片：请上传 JPG 照片或 MP4 视频']);
    expect(storedFiles()).toEqual(files);
  });

  it('removes stored files by their keys', async () => {
    const loose = await receiveLoose(await photo({ width: 640, height: 480, format: 'png' }), 'p.png');
    const keys = [loose.storageKey, loose.thumbnailKey as string];
    await media.removeStored(keys);
    for (const key of keys) expect(await refusal(media.openStored(key, 'image/png'))).toEqual([404, '文件不存在']);
    // Removing what is gone already is no error.
    await media.removeStored(keys);
  });
});
