import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { HAZARD_LIMITS, type HazardMediaDto, type RectificationDoneRequest } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { MediaChooser } from '../../../components/MediaChooser';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { UploadRow } from '../../../components/UploadRow';
import { useAction } from '../../../api/data';
import { rectificationsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { useUploadQueue } from '../../../utils/useUploadQueue';

const quiet = { toast: false } as const;

/** A photo or video of the rectification: picked (the File on h5, a temp path on weapp), then uploaded. */
interface Entry {
  key: string;
  name: string;
  file?: Blob;
  filePath?: string;
  media?: HazardMediaDto;
}

let localKeys = 0;
const nextKey = () => `r${(localKeys += 1)}`;

/** 整改完成: what was done and the photos after it (uploaded one by one, with progress, 重试 and 移除). */
export function DoneForm({ hazardId }: { hazardId: string }) {
  const [description, setDescription] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [problem, setProblem] = useState<string>();
  const latest = useRef(entries);
  latest.current = entries;

  const uploads = useUploadQueue(async (key, onProgress) => {
    const entry = latest.current.find((e) => e.key === key);
    if (!entry) return;
    const media = await rectificationsApi.uploadMedia(hazardId, entry.file ? { file: entry.file, fileName: entry.name } : { filePath: entry.filePath }, onProgress, quiet);
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, media } : e)));
  });
  const done = useAction(keys.rectification(hazardId), (body: RectificationDoneRequest) => rectificationsApi.done(hazardId, body, quiet), {
    // The unit's list and the counts show the status too.
    stale: ['rectifications', 'hazard-counts'],
    fallback: '提交失败，请稍后重试',
  });

  const states = entries.map((e) => uploads.states[e.key]?.state);
  const uploading = states.some((s) => s === 'queued' || s === 'uploading');
  const failed = states.includes('failed');
  const room = HAZARD_LIMITS.media - entries.length;

  const add = (picked: Omit<Entry, 'key'>[]) => {
    const taken = picked.slice(0, Math.max(room, 0)).map((file) => ({ ...file, key: nextKey() }));
    setProblem(picked.length > taken.length ? `最多上传 ${HAZARD_LIMITS.media} 个照片或视频` : undefined);
    // The queue reads the entries through `latest`: they are there before it starts.
    latest.current = [...latest.current, ...taken];
    setEntries(latest.current);
    uploads.enqueue(taken.map((e) => e.key));
  };
  const roomLeft = () => {
    if (room > 0) return true;
    setProblem(`最多上传 ${HAZARD_LIMITS.media} 个照片或视频`);
    return false;
  };
  const remove = (key: string) => {
    uploads.forget(key);
    setEntries((list) => list.filter((e) => e.key !== key));
  };
  const submit = () => {
    done.reset();
    if (!description.trim()) return setProblem('请填写整改情况');
    const mediaIds = entries.flatMap((e) => (e.media ? [e.media.id] : []));
    if (mediaIds.length === 0) return setProblem('请上传整改后的照片或视频');
    setProblem(undefined);
    void done.run({ description: description.trim(), mediaIds });
  };

  const why = uploading ? '照片或视频正在上传，上传完成后才能提交' : failed ? '有文件上传失败：请点「重试」或移除该文件' : undefined;
  return (
    <View className='rectify-form'>
      <Text className='field__label'>报告整改完成</Text>
      <TextArea label='整改情况' placeholder='整改情况（必填）' value={description} onChange={setDescription} maxLength={HAZARD_LIMITS.descriptionLength} />
      <MediaChooser
        label='拍照/选择整改照片'
        inputLabel='选择整改照片或视频'
        count={room}
        wechat={{ sizeType: ['original'], sourceType: ['album', 'camera'] }}
        canAdd={roomLeft}
        onAdd={(files) => add(files.map(({ name, file, tempFilePath }) => (file ? { name, file } : { name, filePath: tempFilePath })))}
        size='small'
      />
      {entries.map((entry) => (
        <UploadRow
          key={entry.key}
          name={entry.name}
          state={uploads.states[entry.key]}
          uploaded={entry.media ? '已上传' : undefined}
          onRetry={() => uploads.enqueue([entry.key])}
          onRemove={() => remove(entry.key)}
        />
      ))}
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      {done.failure ? <Notice kind='error'>{done.failure}</Notice> : null}
      {why ? <Notice>{why}</Notice> : null}
      <Button type='primary' block loading={done.busy} disabled={done.busy || uploading || failed} onClick={submit}>
        提交整改情况
      </Button>
    </View>
  );
}
