import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from './ui';
import type { UploadState } from '../utils/useUploadQueue';

/**
 * One file of an upload list: its name (after an optional thumbnail), 重试 when it failed, 移除, and
 * where it stands (waiting, a progress bar, the failure, or `uploaded` once it is on the server);
 * `children` below (e.g. warnings about the file).
 */
export function UploadRow({
  name,
  thumb,
  state,
  uploaded,
  onRetry,
  onRemove,
  children,
}: {
  name: string;
  thumb?: ReactNode;
  state: UploadState | undefined;
  /** Shown once the file is on the server and nothing is under way, e.g. "已上传". */
  uploaded?: string;
  onRetry: () => void;
  onRemove: () => void;
  children?: ReactNode;
}) {
  return (
    <View className='upload'>
      <View className='upload__head'>
        {thumb}
        <Text className='upload__name'>{name}</Text>
        {state?.state === 'failed' ? (
          <Button size='small' onClick={onRetry}>
            重试
          </Button>
        ) : null}
        <Text className='link link--danger' onClick={onRemove}>
          移除
        </Text>
      </View>
      {state?.state === 'queued' ? <Text className='muted'>等待上传</Text> : null}
      {state?.state === 'uploading' ? (
        <View className={`progress${state.progress === undefined ? ' progress--indeterminate' : ''}`}>
          <View className='progress__bar' style={state.progress === undefined ? undefined : { width: `${state.progress}%` }} />
        </View>
      ) : null}
      {state?.state === 'failed' ? <Text className='field__error'>上传失败：{state.error}</Text> : null}
      {!state && uploaded ? <Text className='muted'>{uploaded}</Text> : null}
      {children}
    </View>
  );
}
