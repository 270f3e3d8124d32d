import Taro from '@tarojs/taro';
import { render, screen } from '@testing-library/react';
import type { UnitDto } from '@safemonth/shared';
import { ImportPanel } from './ImportPanel';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click } from '../../../../test/helpers';

const UNIT: UnitDto = { id: 'u1', name: '中卫市安委办', code: null, kind: 'committee', parentId: null, depth: 0 };

let upload: jest.SpyInstance;

function answerUpload(statusCode: number, body: unknown) {
  upload = jest.spyOn(Taro, 'uploadFile').mockImplementation((() =>
    Promise.resolve({ statusCode, errMsg: 'uploadFile:ok', data: JSON.stringify(body) })) as unknown as typeof Taro.uploadFile);
}

/** The file dialog: picking `name` when the hidden file input is clicked. */
function pickFile(name: string) {
  jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    Object.defineProperty(this, 'files', { value: [new File(['名称\n'], name)] });
    this.onchange?.(new Event('change'));
  });
}

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  URL.createObjectURL = jest.fn(() => 'blob:units');
  URL.revokeObjectURL = jest.fn();
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('unit import (h5)', () => {
  it('uploads the chosen file and lists the per-row errors of IMPORT_INVALID', async () => {
    pickFile('units.xlsx');
    answerUpload(422, {
      error: {
        code: 'IMPORT_INVALID',
        message: '导入文件有 2 行错误，未导入任何单位',
        details: [
          { row: 3, field: '上级', message: '找不到上级单位“某某局”' },
          { row: 5, message: '名称不能为空' },
        ],
      },
    });
    const onImported = jest.fn();
    render(<ImportPanel unit={UNIT} onImported={onImported} />);

    await click('选择文件并导入');

    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/units/u1/import', name: 'file', fileName: 'units.xlsx' }),
    );
    expect(await screen.findByText('导入文件有 2 行错误，未导入任何单位')).toBeTruthy();
    expect(screen.getByText('第 3 行（上级）：找不到上级单位“某某局”')).toBeTruthy();
    expect(screen.getByText('第 5 行：名称不能为空')).toBeTruthy();
    expect(onImported).not.toHaveBeenCalled();
  });

  it('reports how many units were created', async () => {
    pickFile('units.csv');
    answerUpload(201, { created: [{ id: 'a' }, { id: 'b' }] });
    const onImported = jest.fn();
    render(<ImportPanel unit={UNIT} onImported={onImported} />);

    await click('选择文件并导入');

    expect(await screen.findByText('已导入 2 个单位')).toBeTruthy();
    expect(onImported).toHaveBeenCalled();
  });

  it('refuses other file types before uploading', async () => {
    pickFile('units.doc');
    answerUpload(201, { created: [] });
    render(<ImportPanel unit={UNIT} onImported={jest.fn()} />);

    await click('选择文件并导入');

    expect(await screen.findByText('请选择 .csv 或 .xlsx 文件')).toBeTruthy();
    expect(upload).not.toHaveBeenCalled();
  });
});
