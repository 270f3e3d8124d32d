import type { MediaRequirements, ParsedField } from '@safemonth/shared';

export type FieldKind = ParsedField['kind'];

/** What a statistics field asks for. */
export const FIELD_KIND_LABELS: Record<FieldKind, string> = { count: '数量', boolean: '是/否', text: '文字' };

/**
 * A statistics field as shown to units: "理论学习中心组学习（次）", "专题学习（是/否）", "典型案例具体为（文字）";
 * a label already ending in its unit ("…·参与人次") is not followed by it again.
 */
export function fieldDisplay(field: { kind: FieldKind; label: string; unit?: string }): string {
  if (field.kind === 'boolean') return `${field.label}（是/否）`;
  if (field.kind === 'text') return `${field.label}（文字）`;
  return field.unit && !field.label.endsWith(field.unit) ? `${field.label}（${field.unit}）` : field.label;
}

/** "6月1日–6月30日" from two `YYYY-MM-DD` dates (the year is the campaign's). */
export function phaseDates(start: string, end: string): string {
  const day = (text: string) => {
    const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(text);
    return match ? `${Number(match[1])}月${Number(match[2])}日` : text;
  };
  return `${day(start)}–${day(end)}`;
}

export const PHOTO_FORMAT_LABELS: Record<'jpeg' | 'png' | 'heic', string> = { jpeg: 'JPG', png: 'PNG', heic: 'HEIC' };
export const VIDEO_FORMAT_LABELS: Record<'mp4', string> = { mp4: 'MP4' };

/** The media requirements in words, one line each. */
export function mediaLines(media: MediaRequirements): string[] {
  const lines = [
    `照片和视频不小于 ${media.minPhotoWidth}×${media.minPhotoHeight}（横竖均可）`,
    media.smallPhotoPolicy === 'refuse' ? '尺寸不足的照片不能上传' : '尺寸不足的照片可以上传，但会提示',
  ];
  if (media.photoFormats.length) lines.push(`照片格式：${media.photoFormats.map((f) => PHOTO_FORMAT_LABELS[f] ?? f).join('、')}`);
  if (media.videoFormats.length) lines.push(`视频格式：${media.videoFormats.map((f) => VIDEO_FORMAT_LABELS[f] ?? f).join('、')}`);
  lines.push(`单个文件不超过 ${media.maxFileSizeMb} MB`);
  return lines;
}
