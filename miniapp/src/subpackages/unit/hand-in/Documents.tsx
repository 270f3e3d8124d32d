import { useRef } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACCEPTED_DOCUMENTS_TEXT, DOCUMENT_FORMAT_LABELS, type DocumentDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import type { UploadState } from '../../../utils/useUploadQueue';
import { UploadRow } from '../../../components/UploadRow';

/** A document of the hand-in: picked (uploading, or failed), or uploaded (`document`). */
export interface DocumentEntry {
  key: string;
  name: string;
  document?: DocumentDto;
}

/** A picked file: the File on h5, a temp file's path on weapp. */
export interface PickedDocument {
  name: string;
  file?: Blob;
  filePath?: string;
}

/** What the pickers offer; the server decides the type from the bytes and names the accepted ones when it refuses. */
const EXTENSIONS = ['doc', 'docx', 'wps', 'pdf', 'xlsx'];

export interface DocumentsProps {
  entries: DocumentEntry[];
  stateOf: (key: string) => UploadState | undefined;
  /** How many more documents the hand-in may take. */
  room: number;
  onAdd: (files: PickedDocument[]) => void;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}

/** The hand-in's documents: 选择文档, each with its upload's progress, why it failed (e.g. not a document), 重试 and 移除. */
export function Documents({ entries, stateOf, room, onAdd, onRetry, onRemove }: DocumentsProps) {
  const input = useRef<HTMLInputElement | null>(null);

  const pick = async () => {
    if (process.env.TARO_ENV === 'h5') {
      input.current?.click();
      return;
    }
    try {
      // Documents reach a phone through chats: WeChat picks them from there.
      const result = await Taro.chooseMessageFile({ count: room, type: 'file', extension: EXTENSIONS });
      onAdd(result.tempFiles.map((file) => ({ name: file.name, filePath: file.path })));
    } catch {
      // Cancelled.
    }
  };

  const picked = (list: FileList | null) => {
    const files = Array.from(list ?? []).map((file) => ({ name: file.name, file }));
    if (input.current) input.current.value = '';
    if (files.length > 0) onAdd(files);
  };

  return (
    <View>
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={input}
          type='file'
          multiple
          accept={EXTENSIONS.map((e) => `.${e}`).join(',')}
          aria-label='选择文档'
          style={{ display: 'none' }}
          onChange={(event) => picked(event.target.files)}
        />
      ) : null}
      <Text className='row__meta'>可上传 {ACCEPTED_DOCUMENTS_TEXT}</Text>
      <Button size='small' disabled={room <= 0} onClick={() => void pick()}>
        选择文档
      </Button>
      {entries.map((entry) => {
        const state = stateOf(entry.key);
        return (
          <UploadRow
            key={entry.key}
            name={entry.name}
            state={state}
            uploaded={entry.document ? `已上传 · ${DOCUMENT_FORMAT_LABELS[entry.document.format]}` : undefined}
            onRetry={() => onRetry(entry.key)}
            onRemove={() => onRemove(entry.key)}
          />
        );
      })}
    </View>
  );
}
