import { HttpStatus, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ACCEPTED_DOCUMENTS_TEXT, DocumentDto, ErrorCode, ErrorDetail, MediaDto, MediaKind, MediaRequirements, mediaSizeWarning } from '@safemonth/shared';
import { mkdir, open as openFile, readdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { In, IsNull, LessThan, Not } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { newId } from '../common/columns';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database.service';
import { UnitsService } from '../units/units.service';
import { acceptedFormatsText, documentFormatOf, documentType, DocumentType, FileType, formatName, ooxmlFormat, sniff, sniffDocument } from './file-type';
import { heicSize, mp4Facts } from './iso-bmff';
import { Media } from './media.entity';
import { Photos } from './photo';
import { MEDIA_STORAGE, MediaStorage, StoredFile } from './storage';
import { canStripMetadata, stripMetadata } from './strip-metadata';
import { receiveFile } from './upload';

/** Uploads in progress, under MEDIA_DIR: sharp and the MP4 reader need a local file to read. */
const INCOMING = '.incoming';
/** Left-overs of a process that stopped mid-upload; no upload runs this long. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;
/** How often each process removes the media no report took (several processes may do it at once). */
const SWEEP_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** The first sweep, soon after start: a process restarted more often than the interval still sweeps. */
const FIRST_SWEEP_MS = 60 * 1000;
const SWEEP_BATCH = 200;
const MB = 1024 * 1024;

type Facts = Pick<Media, 'width' | 'height' | 'durationSeconds' | 'capturedAt' | 'gpsLatitudeE6' | 'gpsLongitudeE6'>;

export type PhotoFormat = MediaRequirements['photoFormats'][number];
export type VideoFormat = MediaRequirements['videoFormats'][number];

/** A photo or video stored for no unit (a hazard report's or its rectification's): its row is its holder's. */
export interface LooseFile {
  kind: 'photo' | 'video';
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  storageKey: string;
  thumbnailKey: string | null;
}

/** What one photo or video received is held to. */
interface Intake {
  maxBytes: number;
  /** The 413 message. */
  tooLarge: string;
  formats: Pick<MediaRequirements, 'photoFormats' | 'videoFormats'>;
  stripMetadata: boolean;
  /** Refuses (throws) a photo or video by what it is, or answers warnings; before it is stored. */
  check: (type: FileType, facts: Facts) => string[];
}

/** A photo or video received and stored, to be recorded (size and hash of the file as stored). */
interface ReceivedMedia {
  type: FileType;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  thumbnailKey: string | null;
  facts: Facts;
  warnings: string[];
}

const unsupportedDocument = () =>
  new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.ValidationFailed, `文件类型不支持：请上传 ${ACCEPTED_DOCUMENTS_TEXT}`);

/** What holds attached files (reports photos and videos, deliverable hand-ins documents), and how a refusal names them. */
interface Holder {
  column: 'reportId' | 'handInId';
  kinds: (MediaKind | 'document')[];
  /** The request's field listing the files (`mediaIds.0`). */
  field: string;
  words: { what: string; missing: string; taken: string; lost: string };
}

const REPORT_HOLDER: Holder = {
  column: 'reportId',
  kinds: ['photo', 'video'],
  field: 'mediaIds',
  words: {
    what: '照片或视频有误',
    missing: '照片或视频不存在，或不是为本单位本活动上传的',
    taken: '照片或视频已用于另一份报告',
    lost: '照片或视频刚被删除，或刚用于另一份报告',
  },
};

const HAND_IN_HOLDER: Holder = {
  column: 'handInId',
  kinds: ['document'],
  field: 'documentIds',
  words: {
    what: '文档有误',
    missing: '文档不存在，或不是为本单位本活动上传的',
    taken: '文档已用于另一次报送',
    lost: '文档刚被删除，或刚用于另一次报送',
  },
};

const unprocessable = (message: string, details?: ErrorDetail[]) =>
  new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, message, details);

@Injectable()
export class MediaService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MediaService.name);
  private readonly incoming: string;
  private readonly unattachedMediaDays: number;
  private readonly maxPhotoPixels: number;
  private readonly photos: Photos;
  private sweeping: NodeJS.Timeout[] = [];

  constructor(
    private readonly database: Database,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {
    this.incoming = join(config.mediaDir, INCOMING);
    this.unattachedMediaDays = config.unattachedMediaDays;
    this.maxPhotoPixels = config.photos.maxPixels;
    this.photos = new Photos(config.photos);
  }

  private get media() {
    return this.database.repository(Media);
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.incoming, { recursive: true });
    // Only stale files: another server process may share the folder and be receiving right now.
    for (const name of await readdir(this.incoming)) {
      const path = join(this.incoming, name);
      // Another process may finish (and move away) its upload meanwhile.
      const found = await stat(path).catch(() => null);
      if (found && Date.now() - found.mtimeMs > STALE_INCOMING_MS) await rm(path, { force: true });
    }
  }

  /** Sweeps now and then, in the background (the server process starts this; tests sweep when they say). */
  startSweeping(): void {
    if (this.sweeping.length > 0) return;
    const sweep = () => void this.sweepUnattached().catch((error: unknown) => this.logger.error(error instanceof Error ? error.stack : String(error)));
    this.sweeping = [setTimeout(sweep, FIRST_SWEEP_MS).unref(), setInterval(sweep, SWEEP_INTERVAL_MS).unref()];
  }

  onModuleDestroy(): void {
    for (const timer of this.sweeping) clearTimeout(timer);
  }

  /**
   * Removes, file and all, the photos, videos and documents uploaded more than
   * UNATTACHED_MEDIA_DAYS ago that no report or hand-in holds now: drafts given up on a phone,
   * reports deleted. Each row goes with a guarded delete (one statement, committed by itself), so
   * that a report taking it at that moment keeps it and several processes may sweep at once; the
   * files go once it has committed. Answers how many went.
   */
  async sweepUnattached(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.unattachedMediaDays * 24 * 60 * 60 * 1000);
    let removed = 0;
    for (;;) {
      const stale = await this.media.find({
        where: { reportId: IsNull(), handInId: IsNull(), createdAt: LessThan(cutoff) },
        select: ['id', 'storageKey', 'thumbnailKey'],
        take: SWEEP_BATCH,
      });
      for (const media of stale) {
        const { affected: deleted } = await this.media.delete({ id: media.id, reportId: IsNull(), handInId: IsNull() });
        if (!deleted) continue;
        removed++;
        for (const key of [media.storageKey, media.thumbnailKey]) {
          // A file that cannot be removed now is only space; the sweep goes on.
          if (key) await this.storage.remove(key).catch((error: unknown) => this.logger.error(`media ${media.id}: ${key} not removed: ${String(error)}`));
        }
      }
      if (stale.length < SWEEP_BATCH) return removed;
    }
  }

  /** What the access guard needs to know of a media file: the tree path of its unit. */
  async accessTarget(id: string): Promise<{ path: string } | null> {
    const row = await this.media.createQueryBuilder('m').innerJoin('m.unit', 'u').select('u.path', 'path').where('m.id = :id', { id }).getRawOne<{ path: string }>();
    return row ? { path: row.path } : null;
  }

  /**
   * Receives one photo or video for a unit taking part in a published campaign, checked against
   * the campaign's media requirements, and stores it with its thumbnail.
   */
  async upload(campaignId: string, unitId: string, uploadedById: string, request: IncomingMessage): Promise<Media> {
    const { campaign } = await this.campaigns.openFor(campaignId, unitId, '上传照片或视频');
    const rules = campaign.media;
    const id = newId();
    const intake: Intake = {
      maxBytes: rules.maxFileSizeMb * MB,
      tooLarge: `文件过大：本活动上传的文件不能超过 ${rules.maxFileSizeMb} MB`,
      formats: rules,
      stripMetadata: false,
      check: (type, facts) => checkSize(type, facts, rules),
    };
    return this.receive(id, request, intake, ({ type, sizeBytes, sha256, storageKey, thumbnailKey, facts, warnings }) =>
      this.media.save(
        this.media.create({
          id,
          campaignId,
          unitId,
          uploadedById,
          reportId: null,
          kind: type.kind,
          mime: type.mime,
          sizeBytes,
          sha256,
          storageKey,
          thumbnailKey,
          warnings,
          ...facts,
        }),
      ),
    );
  }

  /** Receives one photo or video held by no unit (a hazard report's or its rectification's): checked as uploads are, stored, and with stripMetadata every metadata removed first. */
  async receiveLoose(
    request: IncomingMessage,
    options: { maxBytes: number; stripMetadata: boolean; photoFormats: PhotoFormat[]; videoFormats: VideoFormat[] },
  ): Promise<LooseFile> {
    const intake: Intake = {
      maxBytes: options.maxBytes,
      tooLarge: `文件过大：上传的文件不能超过 ${Number((options.maxBytes / MB).toFixed(1))} MB`,
      formats: options,
      stripMetadata: options.stripMetadata,
      check: () => [],
    };
    // The caller keeps the keys with its own rows (and removes the files if those are not saved).
    return this.receive(newId(), request, intake, async ({ type, sizeBytes, facts, storageKey, thumbnailKey }) => ({
      kind: type.kind,
      mime: type.mime,
      sizeBytes,
      width: facts.width,
      height: facts.height,
      storageKey,
      thumbnailKey,
    }));
  }

  /**
   * Receives one photo or video into `.incoming/<id>`, checks its type, pixels and size, strips its
   * metadata if asked, and stores it with its thumbnail (JPEG and PNG) under keys of `id`; `keep`
   * then records it. Whatever fails, the files stored are removed and the incoming file too.
   */
  private async receive<T>(id: string, request: IncomingMessage, intake: Intake, keep: (file: ReceivedMedia) => Promise<T>): Promise<T> {
    const scratch = join(this.incoming, id);
    const stored: string[] = [];
    // HEIC cannot be stripped, so it is neither taken nor offered.
    const formats = intake.stripMetadata ? { ...intake.formats, photoFormats: intake.formats.photoFormats.filter((f) => f !== 'heic') } : intake.formats;
    try {
      const file = await receiveFile(request, scratch, {
        maxBytes: intake.maxBytes,
        recognize: sniff,
        accept: (type) => {
          if (intake.stripMetadata && !canStripMetadata(type)) {
            throw new ApiException(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              ErrorCode.ValidationFailed,
              `${formatName(type.format)} 照片无法去除拍摄时间、位置等信息：请上传 ${acceptedFormatsText(formats)}`,
            );
          }
          acceptFormat(type, formats);
        },
        tooLarge: intake.tooLarge,
        unknownType: `文件类型不支持：请上传 ${acceptedFormatsText(formats)}`,
      });
      // Read before stripping: the pixel cap is checked on the headers, before any decoding.
      const facts = await this.inspect(scratch, file.type);
      const warnings = intake.check(file.type, facts);
      const { sizeBytes, sha256 } = intake.stripMetadata ? await stripMetadata(scratch, file.type, this.photos) : file;

      const shard = id.slice(0, 2);
      const storageKey = `originals/${shard}/${id}`;
      let thumbnailKey: string | null = null;
      if (file.type.format === 'jpeg' || file.type.format === 'png') {
        thumbnailKey = `thumbnails/${shard}/${id}.jpg`;
        await this.storage.put(thumbnailKey, Readable.from(await this.photos.thumbnail(scratch)));
        stored.push(thumbnailKey);
      }
      await this.storage.putFile(storageKey, scratch);
      stored.push(storageKey);
      return await keep({ type: file.type, sizeBytes, sha256, storageKey, thumbnailKey, facts, warnings });
    } catch (error) {
      await Promise.all(stored.map((key) => this.storage.remove(key)));
      throw error;
    } finally {
      await rm(scratch, { force: true });
    }
  }

  /** What the file says about itself: size as displayed, and for photos when and where it was taken. */
  private async inspect(path: string, type: FileType): Promise<Facts> {
    const none: Facts = { width: null, height: null, durationSeconds: null, capturedAt: null, gpsLatitudeE6: null, gpsLongitudeE6: null };
    if (type.format === 'jpeg' || type.format === 'png') {
      const photo = await this.photos.facts(path);
      if (!photo) throw unprocessable('照片无法读取，文件可能已损坏');
      // Refused on its headers: decoding it is what the cap protects the server from.
      if (photo.width * photo.height > this.maxPhotoPixels) {
        throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          ErrorCode.ImageTooLarge,
          `图片像素过大（${photo.width}×${photo.height}），最多 ${this.maxPhotoPixels / 10_000} 万像素`,
        );
      }
      return {
        ...none,
        width: photo.width,
        height: photo.height,
        capturedAt: photo.capturedAt,
        gpsLatitudeE6: photo.gps ? Math.round(photo.gps.latitude * 1e6) : null,
        gpsLongitudeE6: photo.gps ? Math.round(photo.gps.longitude * 1e6) : null,
      };
    }
    const file = await openFile(path);
    try {
      if (type.format === 'heic') {
        // sharp's libheif cannot decode HEVC; the size, when the container gives it, is enough.
        const size = await heicSize(file).catch(() => null);
        return { ...none, ...size };
      }
      const video = await mp4Facts(file);
      if (!video.playable) throw unprocessable('视频文件不完整或已损坏，无法播放');
      if (video.width === null) throw unprocessable('视频中没有画面');
      return { ...none, width: video.width, height: video.height, durationSeconds: video.durationSeconds };
    } finally {
      await file.close();
    }
  }

  /** The file of a media, or its thumbnail, to send. */
  async open(id: string, variant: 'original' | 'thumbnail'): Promise<StoredFile & { mime: string }> {
    const media = await this.media.findOneBy({ id });
    if (!media) throw ApiException.notFound('照片或视频不存在');
    const key = variant === 'original' ? media.storageKey : media.thumbnailKey;
    if (!key) throw ApiException.notFound('该文件没有缩略图');
    return this.openStored(key, variant === 'original' ? media.mime : 'image/jpeg');
  }

  /** A stored file by its key (one of a {@link LooseFile}'s), to send as `mime`. */
  async openStored(key: string, mime: string): Promise<StoredFile & { mime: string }> {
    const file = await this.storage.open(key);
    if (!file) {
      this.logger.error(`${key} is missing from the storage`);
      throw ApiException.notFound('文件不存在');
    }
    return { ...file, mime };
  }

  /** Removes stored files by their keys (a {@link LooseFile}'s, once nothing holds it). */
  async removeStored(keys: string[]): Promise<void> {
    await Promise.all(
      // A file that cannot be removed now is only space; the others go all the same.
      keys.map((key) => this.storage.remove(key).catch((error: unknown) => this.logger.error(`${key} not removed: ${String(error)}`))),
    );
  }

  /** Media by id, in the order asked; unknown ids are left out. */
  async findMany(ids: string[]): Promise<Media[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.media.findBy({ id: In(ids) })).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id)).filter((m): m is Media => !!m);
  }

  /** The media of each report, in upload order. */
  async byReport(reportIds: string[]): Promise<Map<string, Media[]>> {
    const media = reportIds.length ? await this.media.find({ where: { reportId: In(reportIds) }, order: { createdAt: 'ASC' } }) : [];
    const grouped = new Map<string, Media[]>();
    for (const m of media) grouped.set(m.reportId as string, [...(grouped.get(m.reportId as string) ?? []), m]);
    return grouped;
  }

  async toDto(media: Media): Promise<MediaDto> {
    return (await this.toDtos([media]))[0];
  }

  /** DTOs of several media at once, with the other reports that use the same files (one query for all). */
  async toDtos(media: Media[]): Promise<MediaDto[]> {
    const hashes = [...new Set(media.map((m) => m.sha256))];
    const uses = hashes.length
      ? await this.media.find({ where: { sha256: In(hashes), reportId: Not(IsNull()) }, select: ['id', 'sha256', 'reportId', 'unitId'] })
      : [];
    const unitNames = new Map((await this.units.findMany([...new Set(uses.map((u) => u.unitId))])).map((u) => [u.id, u.name]));
    return media.map((m) => {
      const reports = new Map<string, string>();
      for (const use of uses) {
        if (use.sha256 === m.sha256 && use.id !== m.id && use.reportId && use.reportId !== m.reportId) {
          reports.set(use.reportId, unitNames.get(use.unitId) ?? '');
        }
      }
      return {
        id: m.id,
        // The media of reports and of uploads for them: photos and videos (documents are never attached to a report).
        kind: m.kind as MediaKind,
        mime: m.mime,
        sizeBytes: m.sizeBytes,
        width: m.width,
        height: m.height,
        sha256: m.sha256,
        capturedAt: m.capturedAt?.toISOString() ?? null,
        gps: m.gpsLatitudeE6 !== null && m.gpsLongitudeE6 !== null ? { latitude: m.gpsLatitudeE6 / 1e6, longitude: m.gpsLongitudeE6 / 1e6 } : null,
        url: `/api/media/${m.id}`,
        thumbnailUrl: m.thumbnailKey ? `/api/media/${m.id}/thumbnail` : null,
        warnings: m.warnings,
        alreadyUsedIn: [...reports].map(([reportId, unitName]) => ({ reportId, unitName })),
      };
    });
  }

  /**
   * Attaches photos and videos to a report, within the report's transaction. Each must have been
   * uploaded for that unit and campaign and not be attached to another report (attaching again to
   * the same report is fine); otherwise nothing is attached and the reasons are given per media.
   */
  attach(mediaIds: string[], reportId: string, unitId: string, campaignId: string): Promise<void> {
    return this.take(mediaIds, reportId, unitId, campaignId, REPORT_HOLDER);
  }

  /** Releases every media of a report (to attach its new list, or when it goes away). */
  async detach(reportId: string): Promise<void> {
    await this.media.update({ reportId }, { reportId: null });
  }

  /** Attaches documents to a deliverable hand-in, within its transaction, as {@link attach} does for reports. */
  attachDocuments(documentIds: string[], handInId: string, unitId: string, campaignId: string): Promise<void> {
    return this.take(documentIds, handInId, unitId, campaignId, HAND_IN_HOLDER);
  }

  /** Releases every document of a hand-in (to attach its new list). */
  async detachDocuments(handInId: string): Promise<void> {
    await this.media.update({ handInId }, { handInId: null });
  }

  private async take(ids: string[], holderId: string, unitId: string, campaignId: string, holder: Holder): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const { column, words } = holder;
    const found = new Map(
      (await this.media.find({ where: { id: In(unique) }, select: ['id', 'unitId', 'campaignId', 'kind', column] })).map((m) => [m.id, m]),
    );
    const problems = (): ErrorDetail[] =>
      ids.flatMap((id, i) => {
        const media = found.get(id);
        const field = `${holder.field}.${i}`;
        if (!media || media.unitId !== unitId || media.campaignId !== campaignId || !holder.kinds.includes(media.kind)) return [{ field, message: words.missing }];
        if (media[column] && media[column] !== holderId) return [{ field, message: words.taken }];
        return [];
      });
    const refuse = (details: ErrorDetail[]) => unprocessable(`${words.what}：${details[0].message}`, details);
    const before = problems();
    if (before.length) throw refuse(before);

    // Guarded, so that of two holders taking the same file at once only one gets it, and a file
    // the sweep removes meanwhile is not taken.
    await this.media.update({ id: In(unique), unitId, campaignId, kind: In(holder.kinds), [column]: IsNull() }, { [column]: holderId });
    const taken = new Set((await this.media.find({ where: { id: In(unique), [column]: holderId }, select: ['id'] })).map((m) => m.id));
    if (taken.size !== unique.length) {
      // Not why: what this transaction reads of the others may be from before that happened.
      throw refuse(ids.flatMap((id, i) => (taken.has(id) ? [] : [{ field: `${holder.field}.${i}`, message: words.lost }])));
    }
  }

  /**
   * Receives one document (docx, doc or WPS, pdf, xlsx: the type decided from the bytes, a ZIP
   * container from its entries) for a unit taking part in a published campaign, within the
   * campaign's file size limit, and stores it. It is attached to a hand-in later.
   */
  async uploadDocument(campaignId: string, unitId: string, uploadedById: string, request: IncomingMessage): Promise<Media> {
    const { campaign } = await this.campaigns.openFor(campaignId, unitId, '上传文档');
    const limitMb = campaign.media.maxFileSizeMb;
    const id = newId();
    const scratch = join(this.incoming, id);
    try {
      const file = await receiveFile<DocumentType>(request, scratch, {
        maxBytes: limitMb * MB,
        recognize: sniffDocument,
        accept: () => undefined,
        tooLarge: `文件过大：本活动上传的文件不能超过 ${limitMb} MB`,
        unknownType: `文件类型不支持：请上传 ${ACCEPTED_DOCUMENTS_TEXT}`,
      });
      const type = file.type.format === 'ooxml' ? await this.ooxmlType(scratch) : file.type;
      const storageKey = `originals/${id.slice(0, 2)}/${id}`;
      await this.storage.putFile(storageKey, scratch);
      try {
        return await this.media.save(
          this.media.create({
            id,
            campaignId,
            unitId,
            uploadedById,
            reportId: null,
            handInId: null,
            kind: 'document',
            mime: type.mime,
            fileName: file.fileName,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            storageKey,
            thumbnailKey: null,
            width: null,
            height: null,
            durationSeconds: null,
            capturedAt: null,
            gpsLatitudeE6: null,
            gpsLongitudeE6: null,
            warnings: [],
            // On the server's clock, as the sweep reads it; a hand-in lists its documents in upload order.
            createdAt: this.clock.now(),
          }),
        );
      } catch (error) {
        await this.storage.remove(storageKey);
        throw error;
      }
    } finally {
      await rm(scratch, { force: true });
    }
  }

  /** A ZIP container is a docx or an xlsx by its entries, or refused. */
  private async ooxmlType(path: string): Promise<DocumentType> {
    const file = await openFile(path);
    try {
      const format = await ooxmlFormat(file);
      if (!format) throw unsupportedDocument();
      return documentType(format);
    } finally {
      await file.close();
    }
  }

  /** The documents of each hand-in, in upload order. */
  async documentsOf(handInIds: string[]): Promise<Map<string, DocumentDto[]>> {
    const documents = handInIds.length ? await this.media.find({ where: { handInId: In(handInIds) }, order: { createdAt: 'ASC', id: 'ASC' } }) : [];
    const grouped = new Map<string, DocumentDto[]>();
    for (const d of documents) grouped.set(d.handInId as string, [...(grouped.get(d.handInId as string) ?? []), this.documentDto(d)]);
    return grouped;
  }

  documentDto(document: Media): DocumentDto {
    const { id, fileName, mime, sizeBytes } = document;
    return { id, fileName, format: documentFormatOf(mime), mime, sizeBytes, url: `/api/media/${id}` };
  }
}

/** Refuses a format the campaign does not take, naming those it does. */
function acceptFormat(type: FileType, rules: Pick<MediaRequirements, 'photoFormats' | 'videoFormats'>): void {
  const allowed = type.kind === 'photo' ? (rules.photoFormats as string[]) : (rules.videoFormats as string[]);
  if (allowed.includes(type.format)) return;
  throw new ApiException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.ValidationFailed,
    `本活动不接受 ${formatName(type.format)} 格式的${type.kind === 'photo' ? '照片' : '视频'}：请上传 ${acceptedFormatsText(rules)}`,
  );
}

/**
 * A photo or video smaller than the campaign asks for (`mediaSizeWarning`) is refused or accepted
 * with a warning. Without known dimensions (a HEIC or an MP4 whose container does not say) there is
 * nothing to check.
 */
function checkSize(type: FileType, facts: Facts, rules: MediaRequirements): string[] {
  if (facts.width === null || facts.height === null) return [];
  const message = mediaSizeWarning(type.kind, facts.width, facts.height, rules);
  if (!message) return [];
  if (rules.smallPhotoPolicy === 'refuse') throw unprocessable(message);
  return [message];
}
