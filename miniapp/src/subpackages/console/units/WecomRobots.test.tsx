import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { UnitDto, WecomRobotDto } from '@safemonth/shared';
import { WecomRobots } from './WecomRobots';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, flush, mockRequest, render, typeInto, type RequestCall } from '../../../../test/helpers';

const UNIT: UnitDto = { id: 'u2', name: '东城区', code: null, kind: 'district', parentId: 'u1', depth: 1 };
const robot = (id: string, name: string, textOnly = false): WecomRobotDto => ({ id, unitId: 'u2', name, webhookKey: '693a…3f2c', textOnly, createdAt: '2022-06-01T00:00:00.000Z' });

let robots: WecomRobotDto[];

function server() {
  return mockRequest((call) => {
    const base = '/api/units/u2/wecom-robots';
    if (call.url === base && call.method === 'GET') return { statusCode: 200, data: robots };
    if (call.url === base && call.method === 'POST') {
      const body = call.data as { name: string; webhook: string; textOnly: boolean };
      if (!body.webhook.includes('key=')) {
        return apiError(400, 'VALIDATION_FAILED', '群机器人的 Webhook 地址无效，请复制企业微信群机器人的完整 Webhook 地址', [
          { field: 'webhook', message: '应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 或其中的 key' },
        ]);
      }
      robots = [...robots, robot('r9', body.name, body.textOnly)];
      return { statusCode: 201, data: robots.at(-1) };
    }
    const one = /^\/api\/units\/u2\/wecom-robots\/(\w+)$/.exec(call.url);
    if (one && call.method === 'PUT') {
      robots = robots.map((r) => (r.id === one[1] ? { ...r, ...(call.data as object) } : r));
      return { statusCode: 200, data: robots.find((r) => r.id === one[1]) };
    }
    if (one && call.method === 'DELETE') {
      robots = robots.filter((r) => r.id !== one[1]);
      return { statusCode: 204 };
    }
    return apiError(404, 'NOT_FOUND', '未找到');
  });
}

const changes = (calls: RequestCall[]) => calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.url, c.data]);
const rowOf = (name: string) => screen.getByText(name).closest('.row') as HTMLElement;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
  robots = [robot('r1', '东城区安全生产工作群')];
});

afterEach(() => jest.restoreAllMocks());

describe('WeCom group robots of a unit', () => {
  it('lists the robots with their keys masked, and switches one to plain text', async () => {
    const calls = server();
    render(<WecomRobots unit={UNIT} />);
    expect(await screen.findByText('东城区安全生产工作群')).toBeTruthy();
    expect(screen.getByText('Webhook key：693a…3f2c')).toBeTruthy();
    const toggle = within(rowOf('东城区安全生产工作群')).getByText('仅发纯文本').closest('.toggle') as HTMLElement;
    expect(toggle.className).not.toContain('choice--active');

    await act(async () => {
      fireEvent.click(toggle);
      await flush();
    });
    expect(changes(calls)).toEqual([['PUT', '/api/units/u2/wecom-robots/r1', { textOnly: true }]]);
    expect((within(rowOf('东城区安全生产工作群')).getByText('仅发纯文本').closest('.toggle') as HTMLElement).className).toContain('choice--active');
  });

  it('adds a robot, asking for its name and address and showing the server’s refusal under the address', async () => {
    robots = [];
    const calls = server();
    const { container } = render(<WecomRobots unit={UNIT} />);
    expect(await screen.findByText('暂无群机器人')).toBeTruthy();

    await click('添加群机器人');
    expect(screen.getByText('请填写群机器人名称')).toBeTruthy();
    expect(screen.getByText('请填写群机器人的 Webhook 地址')).toBeTruthy();
    expect(changes(calls)).toEqual([]);

    await typeInto(container, '如：东城区安全生产工作群', '化工企业安全群');
    await typeInto(container, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', 'https://example.com/robot');
    await click('添加群机器人');
    expect(await screen.findByText('应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 或其中的 key')).toBeTruthy();

    await typeInto(container, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa3f2c');
    expect(screen.queryByText('应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… 或其中的 key')).toBeNull();
    await act(async () => {
      fireEvent.click(within(container.querySelector('.robot-add') as HTMLElement).getByText('仅发纯文本'));
    });
    await click('添加群机器人');
    expect(await screen.findByText('化工企业安全群')).toBeTruthy();
    expect(changes(calls).at(-1)).toEqual([
      'POST',
      '/api/units/u2/wecom-robots',
      { name: '化工企业安全群', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa3f2c', textOnly: true },
    ]);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已添加群机器人', icon: 'none' });
  });

  it('deletes a robot once confirmed', async () => {
    const calls = server();
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<WecomRobots unit={UNIT} />);
    await screen.findByText('东城区安全生产工作群');

    await act(async () => {
      fireEvent.click(within(rowOf('东城区安全生产工作群')).getByText('删除'));
      await flush();
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除群机器人', confirmText: '删除' }));
    expect(changes(calls)).toEqual([]);

    modal.mockResolvedValueOnce({ confirm: true, cancel: false } as never);
    await act(async () => {
      fireEvent.click(within(rowOf('东城区安全生产工作群')).getByText('删除'));
      await flush();
    });
    expect(await screen.findByText('暂无群机器人')).toBeTruthy();
    expect(changes(calls)).toEqual([['DELETE', '/api/units/u2/wecom-robots/r1', undefined]]);
  });
});
