import { useState } from 'react';
import { screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { UnitDto } from '@safemonth/shared';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { click, mockRequest, render } from '../../../../test/helpers';
import { ParticipatingUnits } from './ParticipatingUnits';

const unit = (id: string, name: string, parentId: string | null, depth: number): UnitDto => ({ id, name, parentId, depth, code: null, kind: 'district' });
const UNITS = [unit('root', '市安委办', null, 0), unit('a', '甲区', 'root', 1), unit('a1', '甲区化工厂', 'a', 2), unit('b', '乙区', 'root', 1)];

function Harness({ onChange }: { onChange: (ids: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <ParticipatingUnits
      organizingUnitId='root'
      value={value}
      onChange={(ids) => {
        setValue(ids);
        onChange(ids);
      }}
    />
  );
}

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
});

afterEach(() => jest.restoreAllMocks());

describe('participating units', () => {
  it('offers the units under the organizer; choosing one takes in its subtree', async () => {
    const calls = mockRequest(() => ({ statusCode: 200, data: { items: UNITS, total: UNITS.length, page: 1, size: 200 } }));
    const changes: string[][] = [];
    render(<Harness onChange={(ids) => changes.push(ids)} />);

    expect(await screen.findByText('未选择：主办单位下的全部单位参加。')).toBeTruthy();
    expect(calls.map((call) => call.url)).toEqual(['/api/units?under=root&page=1&size=200']);
    expect(screen.queryByText('市安委办')).toBeNull();
    expect(screen.getByText('甲区化工厂')).toBeTruthy();

    await click('甲区');
    expect(changes.at(-1)).toEqual(['a']);
    expect(screen.getByText('已选择 1 个单位（含其下级单位）参加。')).toBeTruthy();
    // Under a chosen unit, nothing more to choose.
    expect(screen.queryByText('甲区化工厂')).toBeNull();

    await click('甲区');
    expect(changes.at(-1)).toEqual([]);
  });
});
