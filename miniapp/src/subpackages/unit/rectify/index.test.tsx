import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { HazardMediaDto, RectificationCaseDto } from '@safemonth/shared';
import RectifyPage from './index';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, flush, mockRequest, render, typeIntoTextarea } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

const UNIT = { id: 'u2', name: '东城区', kind: 'district' as const };
const CAMPAIGN = campaignDto({ status: 'published', editable: false, liaisonUnits: [UNIT] });

function rectification(id: string, extra: Partial<RectificationCaseDto> = {}): RectificationCaseDto {
  return {
    id,
    campaignId: 'c1',
    category: '消防',
    place: '东城区人民路 8 号',
    description: '楼梯间堆放杂物，堵塞消防通道',
    status: 'rectifying',
    media: [],
    rectification: { unit: { id: 'u2', name: '东城区' }, dueDate: '2022-06-20', requirement: '清理杂物，设置警示标识', description: null, media: [], doneAt: null },
    overdue: false,
    comment: null,
    ...extra,
  };
}

const PHOTO: HazardMediaDto = { id: 'rm1', kind: 'photo', mime: 'image/jpeg', sizeBytes: 1000, width: 800, height: 600, url: '/api/hazard-media/rm1', thumbnailUrl: '/api/hazard-media/rm1/thumbnail' };

let cases: RectificationCaseDto[];

function server() {
  return mockRequest((call) => {
    if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: CAMPAIGN };
    if (call.url === '/api/campaigns/c1/units/u2/rectifications?page=1') return { statusCode: 200, data: { items: cases, total: cases.length, page: 1, size: 50 } };
    const one = /^\/api\/rectifications\/(h\d)$/.exec(call.url);
    if (one) return { statusCode: 200, data: cases.find((c) => c.id === one[1]) };
    if (call.url === '/api/rectifications/h1/done' && call.method === 'POST') {
      const body = call.data as { description: string };
      cases = cases.map((c) =>
        c.id === 'h1' ? { ...c, status: 'rectified', rectification: { ...c.rectification, description: body.description, media: [PHOTO], doneAt: '2022-06-10T02:00:00.000Z' } } : c,
      );
      return { statusCode: 200, data: cases[0] };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

async function press(element: Element) {
  await act(async () => {
    fireEvent.click(element);
    await flush();
  });
}

const button = (text: string) => screen.getByText(text, { selector: 'button div' });

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ campaignId: 'c1', unitId: 'u2' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  cases = [
    rectification('h1', { overdue: true, comment: '照片不清晰，请重拍' }),
    rectification('h2', { status: 'closed', category: '燃气', place: '东城区幸福小区' }),
  ];
});

afterEach(() => {
  jest.restoreAllMocks();
  delete (globalThis as { fetch?: unknown }).fetch;
});

describe('隐患整改 page', () => {
  it('lists the unit’s rectifications and opens one with what is asked, the due date and the handler’s comment, never the reporter', async () => {
    server();
    const { container } = render(<RectifyPage />);
    expect(await screen.findByText('消防 · 东城区人民路 8 号')).toBeTruthy();
    const first = screen.getByText('消防 · 东城区人民路 8 号').closest('.row') as HTMLElement;
    expect(within(first).getByText('逾期')).toBeTruthy();
    expect(within(first).getByText('整改中')).toBeTruthy();
    expect(within(screen.getByText('燃气 · 东城区幸福小区').closest('.row') as HTMLElement).getByText('已销号')).toBeTruthy();

    await press(first);
    expect(await screen.findByText('楼梯间堆放杂物，堵塞消防通道')).toBeTruthy();
    expect(screen.getByText('整改要求：清理杂物，设置警示标识')).toBeTruthy();
    expect(screen.getByText('整改期限：2022年6月20日（已逾期）')).toBeTruthy();
    expect(screen.getByText('重新整改意见：照片不清晰，请重拍')).toBeTruthy();
    expect(container.textContent).not.toMatch(/举报人|匿名|实名/);
  });

  it('reports it done with a description and the uploaded photos', async () => {
    const uploaded: string[] = [];
    (globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string, init?: { body?: FormData }) => {
      if (!init?.body) return { status: 200, blob: async () => new Blob(['x']) };
      uploaded.push(`${url} ${(init.body.get('file') as File).name}`);
      return { status: 201, text: async () => JSON.stringify(PHOTO) };
    });
    Object.defineProperty(URL, 'createObjectURL', { value: jest.fn(() => 'blob:photo'), configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: jest.fn(), configurable: true });
    const calls = server();
    const { container } = render(<RectifyPage />);
    await press(await screen.findByText('消防 · 东城区人民路 8 号'));
    await screen.findByText('报告整改完成');

    await press(button('提交整改情况'));
    expect(screen.getByText('请填写整改情况')).toBeTruthy();
    await typeIntoTextarea(container, '整改情况（必填）', '已清理杂物并设置警示标识');
    await press(button('提交整改情况'));
    expect(screen.getByText('请上传整改后的照片或视频')).toBeTruthy();
    expect(calls.filter((c) => c.url.endsWith('/done'))).toEqual([]);

    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await act(async () => {
      Object.defineProperty(input, 'files', { value: [new File(['p'], '整改后.jpg', { type: 'image/jpeg' })], configurable: true });
      fireEvent.change(input);
      await flush();
      await flush();
    });
    expect(uploaded).toEqual(['/api/rectifications/h1/media 整改后.jpg']);
    expect(screen.getByText('已上传')).toBeTruthy();

    await press(button('提交整改情况'));
    expect(calls.filter((c) => c.url === '/api/rectifications/h1/done').map((c) => c.data)).toEqual([{ description: '已清理杂物并设置警示标识', mediaIds: ['rm1'] }]);
    expect(await screen.findByText('等待安委办核实销号')).toBeTruthy();
    expect(screen.getByText('已于 2022年6月10日 10:00 报告整改完成')).toBeTruthy();
  });

  it('shows the server’s refusal of the report', async () => {
    cases = [rectification('h1')];
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1') return { statusCode: 200, data: CAMPAIGN };
      if (call.url === '/api/campaigns/c1/units/u2/rectifications?page=1') return { statusCode: 200, data: { items: cases, total: 1, page: 1, size: 50 } };
      if (call.url === '/api/rectifications/h1') return { statusCode: 200, data: cases[0] };
      return apiError(409, 'CONFLICT', '该隐患已被重新交办，请刷新后重试');
    });
    (globalThis as { fetch?: unknown }).fetch = jest.fn(async () => ({ status: 201, text: async () => JSON.stringify(PHOTO) }));
    const { container } = render(<RectifyPage />);
    await press(await screen.findByText('消防 · 东城区人民路 8 号'));
    await screen.findByText('报告整改完成');
    await typeIntoTextarea(container, '整改情况（必填）', '已整改');
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await act(async () => {
      Object.defineProperty(input, 'files', { value: [new File(['p'], 'a.jpg')], configurable: true });
      fireEvent.change(input);
      await flush();
      await flush();
    });
    await press(button('提交整改情况'));
    expect(calls.some((c) => c.url === '/api/rectifications/h1/done')).toBe(true);
    expect(await screen.findByText('该隐患已被重新交办，请刷新后重试')).toBeTruthy();
  });
});
