import { HttpStatus } from '@nestjs/common';
import { ErrorCode, ErrorDetail, HazardMediaDto, HazardMessageDto, isHazardVerified, RewardStatus } from '@safemonth/shared';
import { In, IsNull, Repository } from 'typeorm';
import { ApiException } from '../common/api-exception';
import type { Hazard, HazardMedia, HazardMessage } from './hazard.entity';

/** A case's location is stored in millionths of a degree: whole numbers, the same on every database. */
export const E6 = 1_000_000;
export const MB = 1024 * 1024;

export const HAZARD_NOT_FOUND = '隐患举报不存在';
export const RECTIFICATION_NOT_FOUND = '整改任务不存在';

/** Input that is well-formed but does not fit what is stored (files of another campaign, a campaign not published). */
export const unprocessable = (message: string, details?: ErrorDetail[]) =>
  new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.ValidationFailed, message, details);

export function toMessageDto(m: HazardMessage): HazardMessageDto {
  return { id: m.id, from: m.fromSide, body: m.body, createdAt: m.createdAt.toISOString() };
}

/** The case's reward, shown only while it is found true: one kept on a case found untrue comes back if it is verified again. */
export function rewardOf(h: Hazard): { amountYuan: number; status: RewardStatus } | null {
  return isHazardVerified(h.status) && h.rewardFen !== null && h.rewardStatus !== null ? { amountYuan: h.rewardFen / 100, status: h.rewardStatus } : null;
}

/** A case's photo or video; `served`: to those who may see it (handlers, the responsible unit), with the addresses it is served at. */
export function toHazardMediaDto(media: HazardMedia, served: boolean): HazardMediaDto {
  const url = `/api/hazard-media/${media.id}`;
  return {
    id: media.id,
    kind: media.kind,
    mime: media.mime,
    sizeBytes: media.sizeBytes,
    width: media.width,
    height: media.height,
    url: served ? url : null,
    thumbnailUrl: served && media.thumbnailKey ? `${url}/thumbnail` : null,
  };
}

/** The keys a photo or video is stored under, to remove them with it. */
export function storedKeys(file: Pick<HazardMedia, 'storageKey' | 'thumbnailKey'>): string[] {
  return file.thumbnailKey ? [file.storageKey, file.thumbnailKey] : [file.storageKey];
}

/** How a refusal names the files of each role. */
const WORDS: Record<HazardMedia['role'], { what: string; missing: string; taken: string; lost: string }> = {
  evidence: {
    what: '照片或视频有误',
    missing: '照片或视频不存在，或不是为本活动的举报上传的',
    taken: '照片或视频已用于另一份举报',
    lost: '照片或视频刚被删除，或刚用于另一份举报',
  },
  rectification: {
    what: '整改照片或视频有误',
    missing: '照片或视频不存在，或不是为整改上传的',
    taken: '照片或视频已用于另一项整改',
    lost: '照片或视频刚被删除，或刚用于另一项整改',
  },
};

/**
 * The case's files of `role` become these, within the caller's transaction: each uploaded for the
 * case's campaign in that role and held by no other case; those it held before and not now are let
 * go (the sweep removes them in time). Taken with a guarded update, so that of two cases taking the
 * same file at once only one gets it, and a file the sweep removes meanwhile is not taken.
 */
export async function holdMedia(files: Repository<HazardMedia>, hazard: Pick<Hazard, 'id' | 'campaignId'>, role: HazardMedia['role'], mediaIds: string[]): Promise<void> {
  const unique = [...new Set(mediaIds)];
  const words = WORDS[role];
  const refuse = (details: ErrorDetail[]) => unprocessable(`${words.what}：${details[0].message}`, details);
  const found = new Map(
    (unique.length ? await files.find({ where: { id: In(unique) }, select: ['id', 'campaignId', 'role', 'hazardId'] }) : []).map((m) => [m.id, m]),
  );
  const before = mediaIds.flatMap((id, i) => {
    const file = found.get(id);
    if (!file || file.campaignId !== hazard.campaignId || file.role !== role) return [{ field: `mediaIds.${i}`, message: words.missing }];
    if (file.hazardId && file.hazardId !== hazard.id) return [{ field: `mediaIds.${i}`, message: words.taken }];
    return [];
  });
  if (before.length) throw refuse(before);
  const dropped = (await files.find({ where: { hazardId: hazard.id, role }, select: ['id'] })).map((m) => m.id).filter((id) => !unique.includes(id));
  if (dropped.length) await files.update({ id: In(dropped), hazardId: hazard.id }, { hazardId: null });
  if (unique.length === 0) return;
  await files.update({ id: In(unique), campaignId: hazard.campaignId, role, hazardId: IsNull() }, { hazardId: hazard.id });
  const taken = new Set((await files.find({ where: { id: In(unique), hazardId: hazard.id }, select: ['id'] })).map((m) => m.id));
  if (taken.size !== unique.length) {
    throw refuse(mediaIds.flatMap((id, i) => (taken.has(id) ? [] : [{ field: `mediaIds.${i}`, message: words.lost }])));
  }
}
