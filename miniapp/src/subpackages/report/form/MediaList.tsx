import { Image, View } from '@tarojs/components';
import { MediaChooser } from '../../../components/MediaChooser';
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
  return (
    <View>
      <MediaChooser
        label='拍照/选择'
        inputLabel='选择照片或视频'
        count={Math.min(PICK_AT_ONCE, room)}
        wechat={{ sizeType: ['original'], sourceType: ['album', 'camera'] }}
        canAdd={canAdd}
        onAdd={onAdd}
      />
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
