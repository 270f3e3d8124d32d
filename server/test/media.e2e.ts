import { MediaDto, MediaRequirements } from '@safemonth/shared';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { DataSource, In } from 'typeorm';
import { Campaign } from '../src/campaigns/campaign.entity';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { ApiException } from '../src/common/api-exception';
import { loadConfig } from '../src/config/config';
import { Database } from '../src/database/database.service';
import { Media } from '../src/media/media.entity';
import { MediaService } from '../src/media/media.service';
import { Report } from '../src/reports/report.entity';
import { Unit } from '../src/units/unit.entity';
import { heic, mp4, photo } from './fixtures/media';
import { newCampaign, newPerson, newReport, newUnit, TestPerson } from './support/builders';
import { createTestApp, TestApp } from './support/test-app';

describe('media', () => {
  let t: TestApp;
  let mediaDir: string;
  let root: Unit;
  let district: Unit;
  let school: Unit;
  let elsewhere: Unit;
  let committee: TestPerson;
  let staff: TestPerson;
  let campaign: Campaign;
  beforeAll(async () => {
    mediaDir = mkdtempSync(join(tmpdir(), 'sm-media-'));
    // A low pixel cap (3 megapixels) and one decode at a time, so that small photos show both.
    t = await createTestApp({ MEDIA_DIR: mediaDir, PHOTO_MAX_MEGAPIXELS: '3', PHOTO_DECODES_AT_ONCE: '1' });
    root = await newUnit(t, { name: '揭西县安委办' });
    district = await newUnit(t, { parent: root, name: '河婆街道', kind: 'district' });
    school = await newUnit(t, { parent: district, name: '河婆中学', kind: 'school' });
    elsewhere = await newUnit(t, { parent: root, name: '棉湖镇', kind: 'district' });
    committee = await newPerson(t, { role: 'committee', unit: root });
    staff = await newPerson(t, { role: 'staff', unit: district });
    campaign = await newCampaign(t, { organizer: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const upload = (person: TestPerson, file: Buffer, name = 'photo.jpg', unit = district, campaignId = campaign.id) =>
    t.http().post(`/api/campaigns/${campaignId}/units/${unit.id}/media`).set('authorization', person.auth).attach('file', file, name);
  const get = (person: TestPerson, path: string) => t.http().get(path).set('authorization', person.auth).buffer(true);

  /** A published campaign of the root with these media requirements. */
  async function campaignWith(media: Partial<MediaRequirements>): Promise<Campaign> {
    const created = await newCampaign(t, { organizer: root });
    await t.app.get(CampaignsService).update(created.id, { media: { ...created.media, ...media } });
    return created;
  }

  /** Every file under MEDIA_DIR, uploads in progress included. */
  function storedFiles(): string[] {
    return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(mediaDir, join(entry.parentPath, entry.name)))
      .sort();
  }
  const mediaRows = () => t.app.get(DataSource).getRepository(Media).count();

  /** Runs `refusal` and checks that it left neither a row nor a file. */
  async function leavesNothing(refusal: () => Promise<unknown>): Promise<void> {
    const [rows, files] = [await mediaRows(), storedFiles()];
    await refusal();
    expect(await mediaRows()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  }

  it('stores a 1920×1080 JPEG with its size, hash, capture time and position, and serves it and its thumbnail', async () => {
    const file = await photo({ width: 1920, height: 1080, takenAt: '2026:06:12 09:30:00', gps: { latitude: 23.4278, longitude: -116.0335 } });
    const response = await upload(staff, file).expect(201);
    const media: MediaDto = response.body;
    expect(media).toEqual({
      id: expect.any(String),
      kind: 'photo',
      mime: 'image/jpeg',
      sizeBytes: file.length,
      width: 1920,
      height: 1080,
      sha256: createHash('sha256').update(file).digest('hex'),
      // 09:30 on the camera, in China: 01:30 UTC.
      capturedAt: '2026-06-12T01:30:00.000Z',
      gps: { latitude: expect.closeTo(23.4278, 5), longitude: expect.closeTo(-116.0335, 5) },
      url: `/api/media/${media.id}`,
      thumbnailUrl: `/api/media/${media.id}/thumbnail`,
      warnings: [],
      alreadyUsedIn: [],
    });

    const original = await get(staff, media.url).expect(200);
    expect(original.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(file.length),
      'cache-control': 'private',
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.compare(original.body, file)).toBe(0);

    const thumbnail = await get(staff, media.thumbnailUrl as string).expect(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    expect(Number(thumbnail.headers['content-length'])).toBe(thumbnail.body.length);
    expect(thumbnail.body.length).toBeLessThan(file.length);
    expect(await sharp(thumbnail.body).metadata()).toMatchObject({ format: 'jpeg', width: 480, height: 270 });
  });

  it('reads a capture time with its own zone as written, and stores a photo without EXIF without one', async () => {
    const zoned = await upload(staff, await photo({ width: 1920, height: 1080, takenAt: '2026:06:12 09:30:00', offset: '+02:00' })).expect(201);
    expect(zoned.body.capturedAt).toBe('2026-06-12T07:30:00.000Z');
    const bare = await upload(staff, await photo({ width: 1920, height: 1080, format: 'png' }), 'scan.png').expect(201);
    expect(bare.body).toMatchObject({ mime: 'image/png', capturedAt: null, gps: null, width: 1920, height: 1080 });
  });

  it('takes a photo held upright (1080×1920, or turned by EXIF) against a 1920×1080 minimum', async () => {
    const strict = await campaignWith({ smallPhotoPolicy: 'refuse' });
    const portrait = await upload(staff, await photo({ width: 1080, height: 1920 }), 'p.jpg', district, strict.id).expect(201);
    expect(portrait.body).toMatchObject({ width: 1080, height: 1920, warnings: [] });
    // Stored 1920×1080 with "turned a quarter": shown 1080×1920, its thumbnail upright too.
    const turned = await upload(staff, await photo({ width: 1920, height: 1080, orientation: 6 }), 'p.jpg', district, strict.id).expect(201);
    expect(turned.body).toMatchObject({ width: 1080, height: 1920, warnings: [] });
    const thumbnail = await get(staff, turned.body.thumbnailUrl).expect(200);
    expect(await sharp(thumbnail.body).metadata()).toMatchObject({ width: 270, height: 480 });
  });

  it('refuses, or accepts with a warning, a photo smaller than the campaign asks for', async () => {
    const small = await photo({ width: 1280, height: 720 });
    const strict = await campaignWith({ smallPhotoPolicy: 'refuse' });
    await leavesNothing(async () => {
      const refused = await upload(staff, small, 'small.jpg', district, strict.id).expect(422);
      expect(refused.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '照片尺寸 1280×720 小于要求的 1920×1080' } });
    });
    const lenient = await campaignWith({ smallPhotoPolicy: 'warn' });
    const accepted = await upload(staff, small, 'small.jpg', district, lenient.id).expect(201);
    expect(accepted.body).toMatchObject({ width: 1280, height: 720, warnings: ['照片尺寸 1280×720 小于要求的 1920×1080'] });
  });

  it('holds videos to the same minimum size, read from the MP4, either orientation', async () => {
    const small = mp4({ width: 1280, height: 720, durationSeconds: 4 });
    const strict = await campaignWith({ smallPhotoPolicy: 'refuse' });
    await leavesNothing(async () => {
      const refused = await upload(staff, small, 'small.mp4', district, strict.id).expect(422);
      expect(refused.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '视频尺寸 1280×720 小于要求的 1920×1080' } });
    });
    const upright = await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 4, upright: true }), 'up.mp4', district, strict.id).expect(201);
    expect(upright.body.warnings).toEqual([]);
    const lenient = await campaignWith({ smallPhotoPolicy: 'warn' });
    const accepted = await upload(staff, small, 'small.mp4', district, lenient.id).expect(201);
    expect(accepted.body).toMatchObject({ kind: 'video', width: 1280, height: 720, warnings: ['视频尺寸 1280×720 小于要求的 1920×1080'] });
  });

  it('refuses a photo of more pixels than PHOTO_MAX_MEGAPIXELS from its header, with 413, leaving nothing behind', async () => {
    const refusals: Array<[Buffer, string, string]> = [
      // The 16,000 × 16,000 PNG of issue 12, as its header: it is refused without being decoded.
      [pngHeader(16000, 16000), 'bomb.png', '图片像素过大（16000×16000），最多 300 万像素'],
      [await photo({ width: 2001, height: 1500, format: 'png' }), 'over.png', '图片像素过大（2001×1500），最多 300 万像素'],
      [await photo({ width: 2001, height: 1500, orientation: 6 }), 'over.jpg', '图片像素过大（1500×2001），最多 300 万像素'],
    ];
    for (const [file, name, message] of refusals) {
      await leavesNothing(async () => {
        const refused = await upload(staff, file, name).expect(413);
        expect(refused.body).toEqual({ error: { code: 'IMAGE_TOO_LARGE', message } });
      });
    }
    // Exactly at the cap passes, thumbnail and all.
    const atCap = await upload(staff, await photo({ width: 2000, height: 1500, format: 'png' }), 'ok.png').expect(201);
    expect(atCap.body).toMatchObject({ width: 2000, height: 1500, warnings: [] });
    expect(await sharp((await get(staff, atCap.body.thumbnailUrl).expect(200)).body).metadata()).toMatchObject({ width: 480, height: 360 });
  });

  it('takes a burst of photos while decoding one at a time (PHOTO_DECODES_AT_ONCE=1): none is dropped, each gets its thumbnail', async () => {
    const files = await Promise.all(
      Array.from({ length: 6 }, (_, i) => photo({ width: 1920 - i * 100, height: 1080, format: i % 2 ? 'png' : 'jpeg' })),
    );
    const [uploaded, refused] = await Promise.all([
      Promise.all(files.map((file, i) => upload(staff, file, i % 2 ? 'p.png' : 'p.jpg'))),
      // One over the cap among them is refused without holding the others up.
      upload(staff, pngHeader(16000, 16000), 'bomb.png'),
    ]);
    expect(refused.status).toBe(413);
    expect(uploaded.map((r) => r.status)).toEqual(files.map(() => 201));
    for (const [i, response] of uploaded.entries()) {
      expect(response.body).toMatchObject({ width: 1920 - i * 100, height: 1080 });
      const thumbnail = await get(staff, response.body.thumbnailUrl).expect(200);
      expect(await sharp(thumbnail.body).metadata()).toMatchObject({ format: 'jpeg', width: 480 });
    }
  });

  it('refuses a file that is not what its name says (text, an EXE) with 415, leaving nothing behind', async () => {
    const text = Buffer.from('这不是照片，只是一段文字。'.repeat(20));
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]);
    for (const [bytes, name] of [[text, 'photo.jpg'], [exe, 'video.mp4'], [Buffer.from('hi'), 'tiny.png']] as const) {
      await leavesNothing(async () => {
        const refused = await upload(staff, bytes, name).expect(415);
        expect(refused.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: '文件类型不支持：请上传 JPG、PNG 照片或 MP4 视频' } });
      });
    }
    // A QuickTime movie (.mov) is not MP4.
    const mov = mp4({ width: 1920, height: 1080, durationSeconds: 3 });
    for (const at of [8, 16, 20, 24, 28]) mov.write('qt  ', at, 'latin1'); // major and compatible brands
    await leavesNothing(() => upload(staff, mov, 'clip.mp4').expect(415));
  });

  it('refuses a format the campaign does not take, naming those it does', async () => {
    const jpegOnly = await campaignWith({ photoFormats: ['jpeg'], videoFormats: [] });
    await leavesNothing(async () => {
      const png = await upload(staff, await photo({ width: 1920, height: 1080, format: 'png' }), 'photo.jpg', district, jpegOnly.id).expect(415);
      expect(png.body.error).toEqual({ code: 'VALIDATION_FAILED', message: '本活动不接受 PNG 格式的照片：请上传 JPG 照片' });
      const video = await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 5 }), 'v.mp4', district, jpegOnly.id).expect(415);
      expect(video.body.error.message).toBe('本活动不接受 MP4 格式的视频：请上传 JPG 照片');
    });
  });

  it('refuses a file over the campaign’s size limit with 413, leaving nothing behind', async () => {
    const small = await campaignWith({ maxFileSizeMb: 1 });
    const big = mp4({ width: 1920, height: 1080, durationSeconds: 10, dataBytes: 1.5 * 1024 * 1024 });
    await leavesNothing(async () => {
      const refused = await upload(staff, big, 'big.mp4', district, small.id).expect(413);
      expect(refused.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: '文件过大：本活动上传的文件不能超过 1 MB' } });
    });
    // Just under the limit passes.
    await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 10, dataBytes: 1024 * 1024 - 1024 }), 'ok.mp4', district, small.id).expect(201);
  });

  it('reads an MP4’s picture size and duration from its boxes, wherever its moov box is', async () => {
    const first = await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 42 }), 'clip.bin').expect(201);
    expect(first.body).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 1920, height: 1080, thumbnailUrl: null, warnings: [] });
    const stored = await t.app.get(DataSource).getRepository(Media).findOneByOrFail({ id: first.body.id });
    expect(stored.durationSeconds).toBe(42);

    const upright = await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 7, moovLast: true, upright: true }), 'v.mp4').expect(201);
    expect(upright.body).toMatchObject({ width: 1080, height: 1920 });
    const served = await get(staff, upright.body.url).expect(200);
    expect(served.headers['content-type']).toBe('video/mp4');

    await leavesNothing(async () => {
      const cut = await upload(staff, mp4({ width: 1920, height: 1080, durationSeconds: 7, noMoov: true }), 'v.mp4').expect(422);
      expect(cut.body.error.message).toBe('视频文件不完整或已损坏，无法播放');
    });
  });

  it('keeps a HEIC photo with the size its container gives, without a thumbnail', async () => {
    const heicToo = await campaignWith({ photoFormats: ['jpeg', 'heic'], smallPhotoPolicy: 'refuse' });
    const response = await upload(staff, heic({ width: 4032, height: 3024, quarterTurns: 1 }), 'IMG_0001.HEIC', district, heicToo.id).expect(201);
    expect(response.body).toMatchObject({ kind: 'photo', mime: 'image/heic', width: 3024, height: 4032, thumbnailUrl: null, warnings: [] });
    await get(staff, `/api/media/${response.body.id}/thumbnail`).expect(404);
    // Its size is held to the minimum like any photo's.
    await upload(staff, heic({ width: 1280, height: 960 }), 'IMG_0002.HEIC', district, heicToo.id).expect(422);
  });

  it('says which reports already use the same file, with their units’ names', async () => {
    const media = t.app.get(MediaService);
    const file = await photo({ width: 1920, height: 1080, takenAt: '2026:06:13 10:00:00' });
    const first: MediaDto = (await upload(staff, file).expect(201)).body;
    expect(first.alreadyUsedIn).toEqual([]);
    const reportId = '6f0c7d0e-0000-4000-8000-000000000001';
    await t.app.get(Database).transaction(() => media.attach([first.id], reportId, district.id, campaign.id));

    const schoolStaff = await newPerson(t, { role: 'staff', unit: school });
    const again: MediaDto = (await upload(schoolStaff, file, 'copy.jpg', school).expect(201)).body;
    expect(again.sha256).toBe(first.sha256);
    expect(again.alreadyUsedIn).toEqual([{ reportId, unitName: '河婆街道' }]);
    // The attached one itself is not "used elsewhere" by its own report.
    const [attached] = await media.findMany([first.id]);
    expect((await media.toDto(attached)).alreadyUsedIn).toEqual([]);

    await t.app.get(Database).transaction(() => media.detach(reportId));
    expect((await media.toDto(await media.findMany([again.id]).then((m) => m[0]))).alreadyUsedIn).toEqual([]);
  });

  it('attaches only media of the report’s unit and campaign that no other report uses', async () => {
    const media = t.app.get(MediaService);
    const database = t.app.get(Database);
    const mine: MediaDto = (await upload(staff, await photo({ width: 1920, height: 1080 })).expect(201)).body;
    const otherUnit: MediaDto = (await upload(committee, await photo({ width: 1920, height: 1080 }), 'x.jpg', elsewhere).expect(201)).body;
    const otherCampaign = await newCampaign(t, { organizer: root });
    const [reportA, reportB] = ['aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002'];
    const attach = (ids: string[], reportId: string, campaignId = campaign.id) =>
      database.transaction(() => media.attach(ids, reportId, district.id, campaignId));

    await expect(attach([mine.id, otherUnit.id], reportA)).rejects.toMatchObject({
      status: 422,
      body: { error: { details: [{ field: 'mediaIds.1', message: '照片或视频不存在，或不是为本单位本活动上传的' }] } },
    });
    await expect(attach([mine.id], reportA, otherCampaign.id)).rejects.toMatchObject({ status: 422 });
    // Nothing was attached by the refused calls.
    expect((await media.findMany([mine.id]))[0].reportId).toBeNull();

    await attach([mine.id], reportA);
    await attach([mine.id], reportA); // again, e.g. when the report is saved twice
    await expect(attach([mine.id], reportB)).rejects.toMatchObject({
      body: { error: { message: '照片或视频有误：照片或视频已用于另一份报告' } },
    });
    await database.transaction(() => media.detach(reportA));
    await attach([mine.id], reportB);
    expect((await media.findMany([mine.id, 'no-such-id']))[0].reportId).toBe(reportB);
  });

  it('leaves no row and no file when the client disconnects mid-upload', async () => {
    const file = await photo({ width: 1920, height: 1080, noise: true });
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const rows = await mediaRows();
    const boundary = '----safemonth-test';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/campaigns/${campaign.id}/units/${district.id}/media`,
      headers: {
        authorization: staff.auth,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + file.length + tail.length,
      },
    });
    request.on('error', () => undefined);
    request.write(head);
    request.write(file.subarray(0, file.length / 2));
    // Until the server has taken part of the file in (its upload in progress is on disk), then gone.
    for (let i = 0; i < 100 && !storedFiles().some((f) => f.startsWith('.incoming/')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(storedFiles().some((f) => f.startsWith('.incoming/'))).toBe(true);
    request.destroy();

    let files = storedFiles();
    for (let i = 0; i < 50 && files.some((f) => f.startsWith('.incoming/')); i++) {
      await new Promise((r) => setTimeout(r, 20));
      files = storedFiles();
    }
    expect(files.filter((f) => f.startsWith('.incoming/'))).toEqual([]);
    expect(await mediaRows()).toBe(rows);
    // The server goes on serving.
    await upload(staff, await photo({ width: 1920, height: 1080 })).expect(201);
  });

  it('asks for exactly one file, in the field `file`', async () => {
    const jpeg = await photo({ width: 1920, height: 1080 });
    const url = `/api/campaigns/${campaign.id}/units/${district.id}/media`;
    await leavesNothing(async () => {
      const none = await t.http().post(url).set('authorization', staff.auth).field('title', '咨询日').expect(400);
      expect(none.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择要上传的文件' });
      const two = await t.http().post(url).set('authorization', staff.auth).attach('file', jpeg, 'a.jpg').attach('file', jpeg, 'b.jpg').expect(400);
      expect(two.body.error.message).toBe('一次只能上传一个文件');
      const json = await t.http().post(url).set('authorization', staff.auth).send({ file: 'x' }).expect(400);
      expect(json.body.error.message).toBe('请以 multipart/form-data 方式上传文件（字段名 file）');
      const empty = await upload(staff, Buffer.alloc(0)).expect(400);
      expect(empty.body.error.message).toBe('上传的文件是空的');
    });
    // Other form fields (as wx.uploadFile's formData sends them) are ignored.
    await t.http().post(url).set('authorization', staff.auth).field('note', '现场照片').attach('file', jpeg, 'a.jpg').expect(201);
  });

  it('serves media to the unit’s people and the committee above, not to other units or the signed out', async () => {
    const media: MediaDto = (await upload(staff, await photo({ width: 1920, height: 1080 })).expect(201)).body;
    const liaison = await newPerson(t, { role: 'liaison', unit: district });
    const districtCommittee = await newPerson(t, { role: 'committee', unit: district });
    const otherStaff = await newPerson(t, { role: 'staff', unit: elsewhere });
    const schoolStaff = await newPerson(t, { role: 'staff', unit: school });
    for (const path of [media.url, media.thumbnailUrl as string]) {
      for (const person of [staff, liaison, districtCommittee, committee]) await get(person, path).expect(200);
      // To them the file is missing, in a missing file's words.
      for (const person of [otherStaff, schoolStaff]) {
        expect((await get(person, path).expect(404)).body.error).toEqual({ code: 'NOT_FOUND', message: '照片或视频不存在' });
      }
      await t.http().get(path).expect(401);
    }
    expect((await get(staff, '/api/media/00000000-0000-4000-8000-000000000000').expect(404)).body.error.message).toBe('照片或视频不存在');
  });

  it('takes uploads from the unit’s people and the committee above, for a published campaign the unit takes part in', async () => {
    const jpeg = await photo({ width: 1920, height: 1080 });
    const otherStaff = await newPerson(t, { role: 'staff', unit: elsewhere });
    await leavesNothing(async () => {
      // Units they may not see are missing to them.
      await upload(otherStaff, jpeg).expect(404);
      await upload(staff, jpeg, 'a.jpg', school).expect(404);
      // A draft: its managers pass the guard and are told it is not published; the units do not see it.
      const draft = await newCampaign(t, { organizer: root, status: 'draft' });
      await upload(staff, jpeg, 'a.jpg', district, draft.id).expect(404);
      const refused = await upload(committee, jpeg, 'a.jpg', district, draft.id).expect(422);
      expect(refused.body.error.message).toBe('活动尚未发布，暂不能上传照片或视频');
      // A campaign of the district only: the sibling town does not take part.
      const districtOnly = await newCampaign(t, { organizer: root, participatingUnitIds: [district.id] });
      const outside = await upload(committee, jpeg, 'a.jpg', elsewhere, districtOnly.id).expect(422);
      expect(outside.body.error.message).toBe('该单位不在本活动的参与范围内');
      await upload(committee, jpeg, 'a.jpg', district, '00000000-0000-4000-8000-000000000000').expect(404);
    });
    await upload(committee, jpeg, 'a.jpg', school).expect(201);
  });

  it('removes, file and all, the media no report took within UNATTACHED_MEDIA_DAYS, and keeps the ones a report uses', async () => {
    const media = t.app.get(MediaService);
    const repository = t.app.get(DataSource).getRepository(Media);
    const uploaded = async () => ((await upload(staff, await photo({ width: 1920, height: 1080 })).expect(201)).body as MediaDto).id;
    const [forgotten, used, recent] = [await uploaded(), await uploaded(), await uploaded()];
    await t.app.get(Database).transaction(() => media.attach([used], 'cccccccc-0000-4000-8000-000000000003', district.id, campaign.id));
    await repository.update({ id: In([forgotten, used]) }, { createdAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) });
    const files = storedFiles();
    expect(files.filter((f) => f.includes(forgotten))).toHaveLength(2); // the photo and its thumbnail

    expect(await media.sweepUnattached()).toBe(1);
    expect((await repository.findBy({ id: In([forgotten, used, recent]) })).map((m) => m.id).sort()).toEqual([used, recent].sort());
    expect(storedFiles()).toEqual(files.filter((f) => !f.includes(forgotten)));
    await get(staff, `/api/media/${forgotten}`).expect(404);
    await get(staff, `/api/media/${used}`).expect(200);
    expect(await media.sweepUnattached()).toBe(0);
  });

  it('never sweeps a photo that a report takes at the same moment: each is in its report, or gone and that report refused', async () => {
    const media = t.app.get(MediaService);
    const repository = t.app.get(DataSource).getRepository(Media);
    const jpeg = await photo({ width: 1920, height: 1080 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(((await upload(staff, jpeg).expect(201)).body as MediaDto).id);
    await repository.update({ id: In(ids) }, { createdAt: new Date(Date.now() - 91 * 24 * 3600 * 1000) });

    const filed = ids.map((id) =>
      newReport(t, { campaign, unit: district, reporter: staff, mediaIds: [id] }).then(
        (report) => ({ id, report }),
        (error: unknown) => ({ id, error }),
      ),
    );
    const [removed, outcomes] = await Promise.all([media.sweepUnattached(), Promise.all(filed)]);
    const rows = new Map((await repository.findBy({ id: In(ids) })).map((m) => [m.id, m]));
    for (const outcome of outcomes) {
      if ('report' in outcome) {
        expect(rows.get(outcome.id)?.reportId).toBe(outcome.report.id);
        await get(staff, `/api/media/${outcome.id}`).expect(200);
      } else {
        expect(outcome.error).toBeInstanceOf(ApiException);
        expect((outcome.error as ApiException).getStatus()).toBe(422);
        expect(rows.has(outcome.id)).toBe(false);
        expect(storedFiles().filter((f) => f.includes(outcome.id))).toEqual([]);
      }
    }
    expect(removed).toBe(outcomes.filter((o) => 'error' in o).length);
  });

  it('gives a photo that several reports take at the same moment to exactly one of them', async () => {
    const id = ((await upload(staff, await photo({ width: 1920, height: 1080 })).expect(201)).body as MediaDto).id;
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => newReport(t, { campaign, unit: district, reporter: staff, mediaIds: [id] }).then((report) => report, (error: unknown) => error)),
    );
    const made = outcomes.filter((o): o is Report => o instanceof Report);
    expect(made).toHaveLength(1);
    expect((await t.app.get(DataSource).getRepository(Media).findOneByOrFail({ id })).reportId).toBe(made[0].id);
    for (const refused of outcomes.filter((o) => !(o instanceof Report))) {
      expect(refused).toBeInstanceOf(ApiException);
      expect((refused as ApiException).getStatus()).toBe(422);
      expect((refused as ApiException).body.error.details).toEqual([{ field: 'mediaIds.0', message: expect.stringMatching(/^照片或视频(已|刚被删除，或刚)用于另一份报告$/) }]);
    }
  });

  it('keeps media under MEDIA_DIR, by default DATA_DIR/media, and clears uploads left over from a stopped process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sm-data-'));
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(32) }).mediaDir).toBe(join(dataDir, 'media'));
    rmSync(dataDir, { recursive: true });

    const stale = join(mediaDir, '.incoming', 'left-over');
    const fresh = join(mediaDir, '.incoming', 'in-progress');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    await t.app.get(MediaService).onModuleInit();
    expect(storedFiles()).toContain('.incoming/in-progress');
    expect(storedFiles()).not.toContain('.incoming/left-over');
    rmSync(fresh);
  });
});

/** The start of a PNG that says it is `width` × `height` pixels: its signature, header and one data chunk. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // 8 bits per sample
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1024)))]);
}
