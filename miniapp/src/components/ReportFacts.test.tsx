import Taro from '@tarojs/taro';
import { screen } from '@testing-library/react';
import { click, render } from '../../test/helpers';
import { reportDto } from '../../test/reports';
import { ReportFacts } from './ReportFacts';

const env = process.env.TARO_ENV;
afterEach(() => {
  jest.restoreAllMocks();
  process.env.TARO_ENV = env;
});

describe('ReportFacts', () => {
  it('shows a report\'s evidence links, opened in a new tab on h5 and copied in the mini program', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    const copy = jest.spyOn(Taro, 'setClipboardData').mockImplementation((() => Promise.resolve()) as never);
    render(<ReportFacts report={reportDto({ evidenceLinks: ['https://news.example.com/1', 'https://gov.example.cn/2'] })} />);
    expect(screen.getByText('网址链接：')).toBeTruthy();
    await click('https://news.example.com/1');
    expect(open).toHaveBeenCalledWith('https://news.example.com/1', '_blank', 'noopener');

    process.env.TARO_ENV = 'weapp';
    await click('https://gov.example.cn/2');
    expect(copy).toHaveBeenCalledWith({ data: 'https://gov.example.cn/2' });
  });

  it('shows a reviewer what the report adds and the answers it proposes', () => {
    const proposedAnswers = [
      { fieldId: 'f3', label: '发放宣传资料', value: true },
      { fieldId: 'f4', label: '典型案例', value: '动火作业' },
    ];
    const { unmount } = render(<ReportFacts report={reportDto({ proposedAnswers })} additions />);
    expect(screen.getByText('计入：参与 150 人次')).toBeTruthy();
    expect(screen.getByText('建议填报：发放宣传资料 是')).toBeTruthy();
    expect(screen.getByText('建议填报：典型案例 动火作业')).toBeTruthy();
    unmount();
    render(<ReportFacts report={reportDto({ proposedAnswers })} />);
    expect(screen.queryByText(/建议填报/)).toBeNull();
  });

  it('says nothing of links when there are none', () => {
    render(<ReportFacts report={reportDto()} />);
    expect(screen.queryByText('网址链接：')).toBeNull();
  });
});
