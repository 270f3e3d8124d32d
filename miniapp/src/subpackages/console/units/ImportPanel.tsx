import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorCode, type ErrorDetail, type UnitDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Notice } from '../../../components/Notice';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { unitsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';

const ACCEPTED = /\.(csv|xlsx)$/i;

/** Column names of the import file, for fields the server names by their API name. */
const COLUMN_LABELS: Record<string, string> = { name: '名称', parent: '上级', kind: '类型', code: '编码' };

/** "第 3 行（上级）：找不到上级单位" */
export function describeRowProblem(detail: ErrorDetail): string {
  const where = detail.row !== undefined ? `第 ${detail.row} 行` : '文件';
  const field = detail.field ? `（${COLUMN_LABELS[detail.field] ?? detail.field}）` : '';
  return `${where}${field}：${detail.message}`;
}

interface ChosenFile {
  /** weapp: the chat file's local path. */
  filePath?: string;
  /** h5: the picked file. */
  file?: Blob;
  fileName: string;
}

/** Lets the user pick a .csv/.xlsx file: a file input on h5, a chat file on weapp. */
function chooseFile(): Promise<ChosenFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,.xlsx';
      input.style.display = 'none';
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        resolve(file ? { file, fileName: file.name } : null);
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).then(
    (result) => {
      const file = result.tempFiles[0];
      return file ? { filePath: file.path, fileName: file.name } : null;
    },
    () => null,
  );
}

export function ImportPanel({ unit }: { unit: UnitDto }) {
  const [wrongType, setWrongType] = useState(false);
  // The units lists load again with the new units.
  const importFile = useAction(keys.unit(unit.id), (file: ChosenFile) => unitsApi.import(unit.id, file, { toast: false }), {
    fallback: '导入失败，请稍后重试',
    stale: ['units'],
  });
  const error = importFile.error;
  // The rows at fault of a refused file, each with what is wrong with it.
  const problems = isApiError(error) && error.code === ErrorCode.ImportInvalid ? error.details : [];

  const run = async () => {
    const file = await chooseFile();
    if (!file) return;
    importFile.reset();
    setWrongType(!ACCEPTED.test(file.fileName));
    if (ACCEPTED.test(file.fileName)) await importFile.run(file);
  };

  const done = importFile.result ? `已导入 ${importFile.result.created.length} 个单位` : undefined;
  const failure = wrongType ? '请选择 .csv 或 .xlsx 文件' : importFile.failure;

  return (
    <View className='import'>
      <Text className='muted'>
        导入到“{unit.name}”之下。表格列：名称、上级（名称或编码）、类型、编码；支持 .csv 和 .xlsx 文件。
      </Text>
      <View className='actions'>
        <Button size='small' loading={importFile.busy} disabled={importFile.busy} onClick={run}>
          {process.env.TARO_ENV === 'h5' ? '选择文件并导入' : '从聊天记录选择文件导入'}
        </Button>
      </View>
      {done ? <Notice kind='success'>{done}</Notice> : null}
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {problems.length > 0 ? (
        <View className='import__problems'>
          {problems.map((problem, index) => (
            <Text className='import__problem' key={`${problem.row ?? ''}-${problem.field ?? ''}-${index}`}>
              {describeRowProblem(problem)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
