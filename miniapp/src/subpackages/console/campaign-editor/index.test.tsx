import Taro from '@tarojs/taro';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { parseStatisticsTable, type CampaignDto, type ReplaceItemsRequest } from '@safemonth/shared';
import CampaignEditorPage, { PUBLISH_CONFIRMATION, publishQuestion } from './index';
import { UNSAVED_QUESTION } from '../../../utils/confirm';
import { PASTE_PLACEHOLDER } from './ItemsEditor';
import { setTokens } from '../../../session/tokens';
import { resetClientState } from '../../../api/client';
import { apiError, click, flush, inputsWithPlaceholder, mockRequest, render, typeInto, typeIntoInput, typeIntoTextarea } from '../../../../test/helpers';
import { campaignDto } from '../../../../test/campaigns';

const setRouterParams = (Taro as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams;

/** A statistics table as copied from Excel: title line, header, two rows. */
const TABLE = [
  '附件1',
  '活动项目\t内容要求\t进展情况',
  '学习重要论述\t理论学习中心组开展深入学习\t理论学习中心组学习（ ）次，参与（ ）人次；',
  '安全宣传咨询日\t组织咨询活动\t开展咨询活动（ ）场，典型案例具体为（ ）',
].join('\n');
// The labels the shared parser reads from it (its own tests say which): the editor only shows and edits them.
const PARSED = parseStatisticsTable(TABLE);
const parsedLabel = (item: number, field: number) => PARSED[item].fields[field].label;

const EXISTING = campaignDto({
  status: 'published',
  items: [
    {
      id: 'i1',
      title: '宣传贯彻安全生产法',
      requirement: '组织学习',
      fieldText: '组织学习（ ）场',
      fields: [{ id: 'f1', kind: 'count', label: '组织学习', unit: '场', hasData: true }],
    },
  ],
});

let toast: jest.SpyInstance;

beforeEach(() => {
  Taro.clearStorageSync();
  resetClientState();
  setRouterParams({ id: 'c1' });
  setTokens({ accessToken: 'a1', accessTokenExpiresAt: '', refreshToken: 'r1', refreshTokenExpiresAt: '' });
  toast = jest.spyOn(Taro, 'showToast').mockImplementation((() => Promise.resolve()) as never);
});

afterEach(() => {
  jest.restoreAllMocks();
});

function serve(campaign: CampaignDto, answerItems: (body: ReplaceItemsRequest) => { statusCode: number; data?: unknown }) {
  return mockRequest((call) => {
    if (call.url === '/api/campaigns/c1' && call.method === 'GET') return { statusCode: 200, data: campaign };
    if (call.url === '/api/campaigns/c1/items' && call.method === 'PUT') return answerItems(call.data as ReplaceItemsRequest);
    if (call.url.startsWith('/api/units?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } };
    if (call.url.startsWith('/api/campaigns/c1/liaisons?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 50 } };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
  });
}

async function pasteAndPreview(container: HTMLElement): Promise<HTMLElement> {
  await click('粘贴统计表');
  await typeIntoTextarea(container, PASTE_PLACEHOLDER, TABLE);
  await click('预览');
  expect(screen.getByText('识别到 2 个活动项目，可以修改后保存：')).toBeTruthy();
  return container.querySelector('.paste__preview') as HTMLElement;
}

describe('campaign editor: activity items', () => {
  beforeEach(() => setRouterParams({ id: 'c1', section: 'items' }));

  it('pastes a table, previews it, edits a field and appends the items with PUT /items', async () => {
    const calls = serve(EXISTING, (body) => ({
      statusCode: 200,
      data: campaignDto({
        ...EXISTING,
        items: body.items.map((item, i) => ({
          id: item.id ?? `n${i}`,
          title: item.title,
          requirement: item.requirement,
          fieldText: item.fieldText,
          fields: item.fields.map((f, j) => ({ id: f.id ?? `n${i}-${j}`, kind: f.kind, label: f.label, unit: f.unit, hasData: false })),
        })),
      }),
    }));
    const { container } = render(<CampaignEditorPage />);
    expect(await screen.findByText('粘贴统计表')).toBeTruthy();
    // A field with data cannot be deleted, and the editor says why.
    expect(screen.getByText('已有数据，不能删除')).toBeTruthy();

    const preview = await pasteAndPreview(container);
    const labels = inputsWithPlaceholder(preview, '统计项名称');
    expect(labels).toHaveLength(4);
    await typeIntoInput(labels[1], '参与学习');
    const units = inputsWithPlaceholder(preview, '单位，如 次');
    await typeIntoInput(units[1], '人');
    // Remove the text field of the second item.
    await act(async () => {
      fireEvent.click(within(preview).getAllByText('删除统计项')[3]);
    });
    expect(inputsWithPlaceholder(preview, '统计项名称')).toHaveLength(3);

    // With items already there, saving asks how first.
    await click('保存');
    expect(screen.getByText('请选择“替换全部”或“追加”')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
    await click('追加');
    await click('保存');

    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.url).toBe('/api/campaigns/c1/items');
    expect(put?.data).toEqual({
      items: [
        {
          id: 'i1',
          title: '宣传贯彻安全生产法',
          requirement: '组织学习',
          fieldText: '组织学习（ ）场',
          fields: [{ id: 'f1', kind: 'count', label: '组织学习', unit: '场' }],
        },
        {
          title: '学习重要论述',
          requirement: '理论学习中心组开展深入学习',
          fieldText: '理论学习中心组学习（ ）次，参与（ ）人次；',
          fields: [
            { kind: 'count', label: parsedLabel(0, 0), unit: '次' },
            { kind: 'count', label: '参与学习', unit: '人' },
          ],
        },
        {
          title: '安全宣传咨询日',
          requirement: '组织咨询活动',
          fieldText: '开展咨询活动（ ）场，典型案例具体为（ ）',
          fields: [{ kind: 'count', label: parsedLabel(1, 0), unit: '场' }],
        },
      ],
    });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '活动项目已保存' }));
    // The panel closes and the saved items are the editor's list now.
    expect(container.querySelector('.paste')).toBeNull();
    expect(container.querySelectorAll('.item-card')).toHaveLength(3);
  });

  it('shows the pasted items as a table whose labels and requirements are edited before saving, and saves what was edited', async () => {
    const calls = serve(campaignDto(), (body) => ({
      statusCode: 200,
      data: campaignDto({
        items: body.items.map((item, i) => ({
          ...item,
          id: `n${i}`,
          fields: item.fields.map((f, j) => ({ ...f, id: `n${i}-${j}`, hasData: false })),
        })),
      }),
    }));
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');
    const preview = await pasteAndPreview(container);

    // One row per item, each with the cell its fields were read from and a row per field.
    const table = within(preview).getByRole('table', { name: '识别到的活动项目' });
    const rows = table.querySelectorAll('.preview-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText('表格原文：理论学习中心组学习（ ）次，参与（ ）人次；')).toBeTruthy();
    expect(rows[0].querySelectorAll('.stat-field')).toHaveLength(2);

    // A label renamed in place; the requirement shortened.
    const labels = inputsWithPlaceholder(rows[0], '统计项名称');
    expect((labels[1] as HTMLInputElement).value).toBe(parsedLabel(0, 1));
    await typeIntoInput(labels[1], '中心组学习参与人次');
    await typeIntoTextarea(rows[1], '内容要求', '咨询活动');
    // Nothing to replace or append to: saved at once.
    await click('保存');

    const body = calls.find((call) => call.method === 'PUT')?.data as ReplaceItemsRequest;
    expect(body.items[0].fields.map((f) => f.label)).toEqual([parsedLabel(0, 0), '中心组学习参与人次']);
    expect(body.items[1].requirement).toBe('咨询活动');
    // The editor now lists the saved items, the edited label among them.
    expect(container.querySelector('.paste')).toBeNull();
    const saved = inputsWithPlaceholder(container, '统计项名称').map((input) => (input as HTMLInputElement).value);
    expect(saved).toContain('中心组学习参与人次');
  });

  it('changes a field kind in the preview and replaces all items, keeping the identity of a same-named item', async () => {
    const calls = serve(
      campaignDto({
        items: [
          {
            id: 'i9',
            title: '学习重要论述',
            requirement: '',
            fieldText: '',
            fields: [{ id: 'f9', kind: 'count', label: '参与', unit: '人次', hasData: false }],
          },
        ],
      }),
      () => ({ statusCode: 200, data: campaignDto() }),
    );
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');
    const preview = await pasteAndPreview(container);

    // The second field of the first item becomes a yes/no field.
    const firstItem = preview.querySelectorAll('.preview-row')[0] as HTMLElement;
    const secondField = firstItem.querySelectorAll('.stat-field')[1] as HTMLElement;
    await act(async () => {
      fireEvent.click(within(secondField).getByText('是/否'));
    });
    await click('替换全部');
    await click('保存');

    const body = calls.find((call) => call.method === 'PUT')?.data as ReplaceItemsRequest;
    expect(body.items.map((item) => item.id)).toEqual(['i9', undefined]);
    expect(body.items[0].fields).toEqual([
      { kind: 'count', label: parsedLabel(0, 0), unit: '次' },
      { kind: 'boolean', label: parsedLabel(0, 1), unit: '' },
    ]);
  });

  it('shows the server refusal next to the field it names', async () => {
    serve(EXISTING, () =>
      apiError(409, 'CONFLICT', '已有数据的统计项不能删除', [{ field: 'items.1.fields.0', message: '统计项“理论学习中心组学习”不能修改' }]),
    );
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');
    const preview = await pasteAndPreview(container);

    await click('追加');
    await click('保存');

    expect(within(preview).getByText('已有数据的统计项不能删除')).toBeTruthy();
    const firstPastedField = preview.querySelectorAll('.preview-row')[0].querySelectorAll('.stat-field')[0] as HTMLElement;
    expect(within(firstPastedField).getByText('统计项“理论学习中心组学习”不能修改')).toBeTruthy();
    expect(container.querySelector('.paste')).not.toBeNull();
  });

  it('warns of items that already exist and appends only the others, after asking', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    const existing = campaignDto({
      items: [{ id: 'i2', title: '安全宣传咨询日', requirement: '', fieldText: '', fields: [{ id: 'f2', kind: 'count', label: '开展', unit: '场', hasData: false }] }],
    });
    const calls = serve(existing, () => ({ statusCode: 200, data: existing }));
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');
    await pasteAndPreview(container);

    await click('追加');
    expect(screen.getByText('1 个活动项目已存在，追加时将跳过：安全宣传咨询日')).toBeTruthy();
    // Cancelled: nothing is sent.
    await click('保存');
    await act(flush);
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('不再重复追加：安全宣传咨询日') }));
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await click('保存');
    await act(flush);
    const body = calls.find((call) => call.method === 'PUT')?.data as ReplaceItemsRequest;
    expect(body.items.map((item) => [item.id, item.title])).toEqual([
      ['i2', '安全宣传咨询日'],
      [undefined, '学习重要论述'],
    ]);
  });

  it('refuses to append a table whose items all exist, pointing to 替换全部', async () => {
    const existing = campaignDto({
      items: ['学习重要论述', '安全宣传咨询日'].map((title, i) => ({ id: `i${i}`, title, requirement: '', fieldText: '', fields: [] })),
    });
    const calls = serve(existing, () => ({ statusCode: 200, data: existing }));
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');
    await pasteAndPreview(container);

    await click('追加');
    await click('保存');
    expect(screen.getByText('粘贴的活动项目都已存在，无需追加；如要用表格内容更新它们，请选择“替换全部”')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });

  it('refuses to send an item without a title', async () => {
    const calls = serve(campaignDto(), () => ({ statusCode: 200, data: campaignDto() }));
    render(<CampaignEditorPage />);
    await screen.findByText('粘贴统计表');

    await click('添加活动项目');
    await click('保存活动项目');

    expect(screen.getByText('请填写活动项目名称')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
  });
});

describe('campaign editor: publishing', () => {
  beforeEach(() => setRouterParams({ id: 'c1', section: 'publish' }));

  it('asks for confirmation, then publishes the draft', async () => {
    // Before the campaign's phase ends: nothing to warn of.
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2022-05-01T02:00:00.000Z'));
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1/publish') return { statusCode: 200, data: campaignDto({ status: 'published' }) };
      if (call.url.startsWith('/api/units?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } };
      if (call.url.startsWith('/api/campaigns/c1/liaisons?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 50 } };
      return { statusCode: 200, data: campaignDto() };
    });
    render(<CampaignEditorPage />);
    await screen.findByText('发布');

    await click('发布');
    await act(flush);

    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: PUBLISH_CONFIRMATION }));
    expect(calls.some((call) => call.url === '/api/campaigns/c1/publish' && call.method === 'POST')).toBe(true);
    expect(await screen.findByText('已发布')).toBeTruthy();
    expect(screen.queryByText('发布')).toBeNull();
    expect(screen.getByText('导出 Excel')).toBeTruthy();
  });

  it('lists past deadlines, repeated and empty items in the confirmation, and publishes nothing when cancelled', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2022-06-10T02:00:00.000Z'));
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    const field = { id: 'f1', kind: 'count' as const, label: '开展', unit: '场', hasData: false };
    const calls = mockRequest((call) => {
      if (call.url.startsWith('/api/units?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } };
      return {
        statusCode: 200,
        data: campaignDto({
          items: [
            { id: 'i1', title: '应急演练', requirement: '', fieldText: '', fields: [field] },
            { id: 'i2', title: '应急演练', requirement: '', fieldText: '', fields: [{ ...field, id: 'f2' }] },
            { id: 'i3', title: '其他特色活动', requirement: '', fieldText: '', fields: [] },
          ],
          deliverables: [
            { id: 'd1', kind: 'unit_plan', title: '单位活动方案', rule: { kind: 'once', due: '2022-06-05' } },
            { id: 'd2', kind: 'summary_report', title: '总结报告', rule: { kind: 'once', due: '2022-07-05' } },
          ],
        }),
      };
    });
    render(<CampaignEditorPage />);
    await screen.findByText('发布');
    // The same list shows on the page before the button is pressed.
    expect(screen.getByText('“单位活动方案”的截止时间已过')).toBeTruthy();

    await click('发布');
    await act(flush);

    const warnings = ['“单位活动方案”的截止时间已过', '活动项目“应急演练”重复了 2 次', '活动项目“其他特色活动”没有统计项'];
    expect(modal).toHaveBeenCalledWith(expect.objectContaining(publishQuestion(warnings)));
    expect(publishQuestion(warnings).content).toBe(
      `1. “单位活动方案”的截止时间已过\n2. 活动项目“应急演练”重复了 2 次\n3. 活动项目“其他特色活动”没有统计项\n\n${PUBLISH_CONFIRMATION}`,
    );
    expect(calls.some((call) => call.url === '/api/campaigns/c1/publish')).toBe(false);
  });

  it('shows why the server refuses to publish', async () => {
    jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    mockRequest((call) => {
      if (call.url === '/api/campaigns/c1/publish') return apiError(409, 'CONFLICT', '还没有活动项目，不能发布');
      if (call.url.startsWith('/api/units?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } };
      return { statusCode: 200, data: campaignDto() };
    });
    render(<CampaignEditorPage />);
    await screen.findByText('发布');

    await click('发布');
    await act(flush);

    expect(await screen.findByText('还没有活动项目，不能发布')).toBeTruthy();
  });
});

describe('campaign editor: settings', () => {
  it('lets the committee allow one-person units to review their own reports', async () => {
    const saved = campaignDto({ allowSelfReviewInSingleMemberUnits: true });
    const calls = mockRequest((call) => {
      if (call.url === '/api/campaigns/c1' && call.method === 'GET') return { statusCode: 200, data: campaignDto() };
      if (call.url === '/api/campaigns/c1' && call.method === 'PUT') return { statusCode: 200, data: saved };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
    render(<CampaignEditorPage />);
    await screen.findByText('允许单人单位本人审核');

    await click('允许单人单位本人审核');
    await click('保存设置');

    const put = calls.find((call) => call.url === '/api/campaigns/c1' && call.method === 'PUT');
    expect(put?.data).toMatchObject({ allowSelfReviewInSingleMemberUnits: true, title: saved.title });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '设置已保存' }));
    expect(screen.getByText('允许单人单位本人审核').closest('.choice')?.className).toContain('choice--active');
  });
});

describe('campaign editor: sections', () => {
  const serveDraft = () =>
    mockRequest((call) => {
      if (call.url === '/api/campaigns/c1' && call.method === 'GET') return { statusCode: 200, data: EXISTING };
      if (call.url.startsWith('/api/units?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 200 } };
      if (call.url.startsWith('/api/campaigns/c1/liaisons?')) return { statusCode: 200, data: { items: [], total: 0, page: 1, size: 50 } };
      return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '未找到' } } };
    });
  const shownTab = () => screen.getByRole('tab', { selected: true }).textContent;

  it('opens the section the address names, one section at a time, and puts the one chosen in the address', async () => {
    setRouterParams({ id: 'c1', section: 'deliverables' });
    serveDraft();
    render(<CampaignEditorPage />);
    await screen.findByText('保存截止要求');
    expect(shownTab()).toBe('截止要求');
    expect(screen.queryByText('保存设置')).toBeNull();
    expect(screen.queryByText('粘贴统计表')).toBeNull();

    // Nothing edited: no question.
    const modal = jest.spyOn(Taro, 'showModal');
    await click('统计表');
    expect(modal).not.toHaveBeenCalled();
    expect(screen.getByText('粘贴统计表')).toBeTruthy();
    expect(screen.queryByText('保存截止要求')).toBeNull();
    expect(window.location.hash).toBe('#/subpackages/console/campaign-editor/index?id=c1&section=items');
  });

  it('asks before leaving a section with unsaved edits: kept when the person goes on editing, dropped when they confirm', async () => {
    serveDraft();
    const { container } = render(<CampaignEditorPage />);
    await screen.findByText('保存设置');
    expect(shownTab()).toBe('基本设置');
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leaving()).toBe(false);
    await typeInto(container, '活动名称', '改过的名称');
    // Refreshing or closing the browser tab asks too.
    expect(leaving()).toBe(true);

    const modal = jest.spyOn(Taro, 'showModal').mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    await click('统计表');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ ...UNSAVED_QUESTION, content: expect.stringContaining('“基本设置”中有修改尚未保存') }));
    // Still there, with the edit.
    expect(shownTab()).toBe('基本设置');
    expect((inputsWithPlaceholder(container, '活动名称')[0] as HTMLInputElement).value).toBe('改过的名称');

    modal.mockImplementation((() => Promise.resolve({ confirm: true, cancel: false })) as never);
    await click('统计表');
    expect(shownTab()).toBe('统计表');
    expect(screen.getByText('粘贴统计表')).toBeTruthy();

    // Back in the settings, the saved title again; and a pasted table counts as an edit too.
    modal.mockClear();
    expect(leaving()).toBe(false);
    await click('基本设置');
    expect(modal).not.toHaveBeenCalled();
    expect((inputsWithPlaceholder(container, '活动名称')[0] as HTMLInputElement).value).toBe(EXISTING.title);
    await click('统计表');
    await click('粘贴统计表');
    await typeIntoTextarea(container, PASTE_PLACEHOLDER, TABLE);
    modal.mockImplementation((() => Promise.resolve({ confirm: false, cancel: true })) as never);
    await click('截止要求');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('“统计表”中有修改尚未保存') }));
    expect(shownTab()).toBe('统计表');
  });
});
