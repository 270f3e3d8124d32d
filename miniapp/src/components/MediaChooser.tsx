import { useRef } from 'react';
import Taro from '@tarojs/taro';
import { Button } from './ui';

/** A photo or video chosen on the phone: a File on h5, a temp file's path on weapp. */
export interface ChosenMedia {
  name: string;
  kind: 'photo' | 'video';
  file?: Blob;
  tempFilePath?: string;
}

export interface MediaChooserProps {
  /** The button's words. */
  label: string;
  /** What the browser's hidden file input is called, for screen readers. */
  inputLabel: string;
  /** How many files WeChat's chooser lets pick at once. */
  count: number;
  /** WeChat's chooser: where from (camera first or album first), original size, longest video, which camera. */
  wechat: Pick<Taro.chooseMedia.Option, 'sourceType' | 'sizeType' | 'maxDuration' | 'camera'>;
  /** Before choosing: false (the page says why) when no file may be added now. */
  canAdd: () => boolean;
  onAdd: (files: ChosenMedia[]) => void;
  size?: 'small';
}

/**
 * The button that chooses photos and videos: WeChat's chooser in the mini program, a hidden file
 * input in the browser (a phone's browser offers its camera for it too).
 */
export function MediaChooser({ label, inputLabel, count, wechat, canAdd, onAdd, size }: MediaChooserProps) {
  const fileInput = useRef<HTMLInputElement | null>(null);

  const pick = async () => {
    if (!canAdd()) return;
    if (process.env.TARO_ENV === 'h5') {
      fileInput.current?.click();
      return;
    }
    try {
      const result = await Taro.chooseMedia({ count, mediaType: ['image', 'video'], ...wechat });
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
    const files = Array.from(list ?? []).map((file): ChosenMedia => ({ name: file.name, kind: file.type.startsWith('video/') ? 'video' : 'photo', file }));
    // The same file may be chosen again after it was removed.
    if (fileInput.current) fileInput.current.value = '';
    if (files.length > 0) onAdd(files);
  };

  return (
    <>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={fileInput}
          type='file'
          multiple
          accept='image/*,video/mp4'
          aria-label={inputLabel}
          style={{ display: 'none' }}
          onChange={(event) => picked(event.target.files)}
        />
      ) : null}
      <Button size={size} onClick={() => void pick()}>
        {label}
      </Button>
    </>
  );
}
