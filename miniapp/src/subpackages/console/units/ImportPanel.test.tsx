import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import type { UnitDto } from '@safemonth/shared';
import { ImportPanel } from './ImportPanel';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, render } from '../../../../test/helpers';

const UNIT: UnitDto = { id: 'u1', name: '中卫市安委办', code: null, kind: 'committee', parentId: null, depth: 0 };

interface Sent {
  url: string;
  init: RequestInit;
}
let sent: Sent[];

/** The h5 upload goes out with fetch (multipart FormData); answer it with `body`. */
function answerUpload(statusCode: number, body: unknown) {
  sent = [];
  global.fetch = jest.fn((url: string, init: RequestInit) => {
    sent.push({ url, init });
    return Promise.resolve({ status: statusCode, text: () => Promise.resolve(JSON.stringify(body)) });
  }) as unknown as typeof fetch;
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
          { row: 5, field: 'name', message: '名称不能为空' },
        ],
      },
    });
    render(<ImportPanel unit={UNIT} />);

    await click('选择文件并导入');

    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('/api/units/u1/import');
    expect(sent[0].init.method).toBe('POST');
    expect(sent[0].init.headers).toEqual({ Authorization: 'Bearer a1' });
    const part = (sent[0].init.body as FormData).get('file') as File;
    expect(part.name).toBe('units.xlsx');
    expect(await screen.findByText('导入文件有 2 行错误，未导入任何单位')).toBeTruthy();
    expect(screen.getByText('第 3 行（上级）：找不到上级单位“某某局”')).toBeTruthy();
    expect(screen.getByText('第 5 行（名称）：名称不能为空')).toBeTruthy();
  });

  it('reports how many units were created', async () => {
    pickFile('units.csv');
    answerUpload(201, { created: [{ id: 'a' }, { id: 'b' }] });
    render(<ImportPanel unit={UNIT} />);

    await click('选择文件并导入');

    expect(await screen.findByText('已导入 2 个单位')).toBeTruthy();
  });

  it('refuses other file types before uploading', async () => {
    pickFile('units.doc');
    answerUpload(201, { created: [] });
    render(<ImportPanel unit={UNIT} />);

    await click('选择文件并导入');

    expect(await screen.findByText('请选择 .csv 或 .xlsx 文件')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });
});
