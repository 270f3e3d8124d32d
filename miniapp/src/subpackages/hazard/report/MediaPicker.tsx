import { useRef } from 'react';
import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/ui';
import { UploadRow } from '../../../components/UploadRow';
import type { UploadState } from '../../../utils/useUploadQueue';
import type { HazardFile, PickedFile } from './useHazardMedia';

/** WeChat's camera records at most a minute. */
const LONGEST_VIDEO_SECONDS = 60;

export interface MediaPickerProps {
  files: HazardFile[];
  /** How many more files the report takes. */
  room: number;
  stateOf: (key: string) => UploadState | undefined;
  /** Before choosing: false (the page says why) when no file may be added now. */
  canAdd: () => boolean;
  onAdd: (files: PickedFile[]) => void;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}

/** 拍照/录像 (or from the album), then each file with its upload's progress, 重试 and 移除. */
export function MediaPicker({ files, room, stateOf, canAdd, onAdd, onRetry, onRemove }: MediaPickerProps) {
  const fileInput = useRef<HTMLInputElement | null>(null);

  const pick = async () => {
    if (!canAdd()) return;
    if (process.env.TARO_ENV === 'h5') {
      // A phone's browser offers its camera for this input too.
      fileInput.current?.click();
      return;
    }
    try {
      const result = await Taro.chooseMedia({
        count: room,
        mediaType: ['image', 'video'],
        sourceType: ['camera', 'album'],
        maxDuration: LONGEST_VIDEO_SECONDS,
        camera: 'back',
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
    const chosen = Array.from(list ?? []).map((file): PickedFile => ({ name: file.name, kind: file.type.startsWith('video/') ? 'video' : 'photo', file }));
    if (fileInput.current) fileInput.current.value = '';
    if (chosen.length > 0) onAdd(chosen);
  };

  return (
    <View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={fileInput}
          type='file'
          multiple
          accept='image/*,video/mp4'
          aria-label='拍照或选择照片、视频'
          style={{ display: 'none' }}
          onChange={(event) => picked(event.target.files)}
        />
      ) : null}
      <Button onClick={() => void pick()}>拍照/录像/选择</Button>
      {files.map((f) => (
        <UploadRow
          key={f.key}
          name={f.name}
          thumb={f.preview ? <Image className='upload__thumb' src={f.preview} mode='aspectFill' /> : undefined}
          state={stateOf(f.key)}
          uploaded={f.mediaId ? '已上传' : undefined}
          onRetry={() => onRetry(f.key)}
          onRemove={() => onRemove(f.key)}
        />
      ))}
    </View>
  );
}
