import { Image, View } from '@tarojs/components';
import { MediaChooser } from '../../../components/MediaChooser';
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
  return (
    <View>
      <MediaChooser
        label='拍照/录像/选择'
        inputLabel='拍照或选择照片、视频'
        count={room}
        wechat={{ sourceType: ['camera', 'album'], maxDuration: LONGEST_VIDEO_SECONDS, camera: 'back' }}
        canAdd={canAdd}
        onAdd={onAdd}
      />
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
