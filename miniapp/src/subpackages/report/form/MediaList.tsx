import { useRef } from 'react';
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import type { DraftMedia } from '../../../utils/reports';
import type { PickedFile } from './useReportDraft';
import type { UploadState } from '../../../utils/useUploadQueue';
import { UploadRow } from '../../../components/UploadRow';

/** WeChat's album picks at most 9 files at a time. */
const PICK_AT_ONCE = 9;

export interface MediaListProps {
  media: DraftMedia[];
  /** How many more files the report may take. */
  room: number;
  stateOf: (entry: DraftMedia) => UploadState | undefined;
  /** A local picture of a photo to show, if there is one. */
  previewOf: (entry: DraftMedia) => string | undefined;
  /** Before choosing: false (the page says why) when no file may be added now. */
  canAdd: () => boolean;
  onAdd: (files: PickedFile[]) => void;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}

/** The photos and videos of a draft: 拍照/选择, and each file with its upload's progress, 重试 and 移除. */
export function MediaList({ media, room, stateOf, previewOf, canAdd, onAdd, onRetry, onRemove }: MediaListProps) {
  const fileInput = useRef<HTMLInputElement | null>(null);

  const pick = async () => {
    if (!canAdd()) return;
    if (process.env.TARO_ENV === 'h5') {
      fileInput.current?.click();
      return;
    }
    try {
      const result = await Taro.chooseMedia({
        count: Math.min(PICK_AT_ONCE, room),
        mediaType: ['image', 'video'],
        sizeType: ['original'],
        sourceType: ['album', 'camera'],
      });
      onAdd(
        result.tempFiles.map((file, index) => ({
          name: file.tempFilePath.split('/').pop() ?? `文件 ${index + 1}`,
          kind: file.fileType === 'video' ? 'video' : 'photo',
          tempFilePath: file.tempFilePath,
        })),
      );
    } catch {
      // Cancelled.
    }
  };

  const picked = (list: FileList | null) => {
    const files = Array.from(list ?? []).map(
      (file): PickedFile => ({ name: file.name, kind: file.type.startsWith('video/') ? 'video' : 'photo', file }),
    );
    if (fileInput.current) fileInput.current.value = '';
    if (files.length > 0) onAdd(files);
  };

  return (
    <View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={fileInput}
          type='file'
          multiple
          accept='image/*,video/mp4'
          aria-label='选择照片或视频'
          style={{ display: 'none' }}
          onChange={(event) => picked(event.target.files)}
        />
      ) : null}
      <Button onClick={pick}>拍照/选择</Button>
      {media.map((m) => {
        const state = stateOf(m);
        const preview = previewOf(m);
        return (
          <UploadRow
            key={m.key}
            name={m.name}
            thumb={preview && m.kind === 'photo' ? <Image className='upload__thumb' src={preview} mode='aspectFill' /> : undefined}
            state={state}
            uploaded={m.mediaId ? '已上传' : undefined}
            onRetry={() => onRetry(m.key)}
            onRemove={() => onRemove(m.key)}
          >
            {(m.warnings ?? []).map((warning) => (
              <Notice key={warning}>{warning}</Notice>
            ))}
            {(m.alreadyUsedIn ?? []).map((used) => (
              <Notice key={used.reportId}>此文件已在「{used.unitName}」的另一份报告中使用</Notice>
            ))}
          </UploadRow>
        );
      })}
    </View>
  );
}
