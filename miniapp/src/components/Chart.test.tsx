import { render, screen } from '@testing-library/react';
import { barsOf, Chart, optionOf, rateColor, type ChartSpec } from './Chart';

const TREE: ChartSpec = {
  kind: 'treemap',
  nodes: [
    { name: '东城区', value: 3, rate: 2 / 3, children: [{ name: '东城区·本级', value: 1, rate: 1 }, { name: '化工公司', value: 2, rate: 0.5 }] },
    { name: '教育局', value: 1, rate: null },
  ],
};

describe('Chart', () => {
  it('colours rates red below half, orange below 80 %, green from there, grey for none', () => {
    expect([0, 0.49, 0.5, 0.79, 0.8, 1, null].map(rateColor)).toEqual(['#c62828', '#c62828', '#ef6c00', '#ef6c00', '#2e7d32', '#2e7d32', '#bdbdbd']);
  });

  it('turns each spec into bars for the mini program', () => {
    expect(barsOf({ kind: 'line', categories: ['第23周', '第24周'], series: [{ name: '按时率', values: [0.5, 1] }] })).toEqual([
      { label: '第23周', ratio: 0.5, text: '50%', color: '#ef6c00' },
      { label: '第24周', ratio: 1, text: '100%', color: '#2e7d32' },
    ]);
    expect(barsOf({ kind: 'bar', categories: ['参与人次', '咨询活动'], values: [450, 9] })).toEqual([
      { label: '参与人次', ratio: 1, text: '450' },
      { label: '咨询活动', ratio: 0.02, text: '9' },
    ]);
    expect(barsOf(TREE).map((bar) => `${bar.label} ${bar.text}`)).toEqual(['东城区 67%', '东城区·本级 100%', '化工公司 50%', '教育局 无需报送']);
  });

  it('gives ECharts the tree with each unit coloured by its rate', () => {
    const option = optionOf(TREE, 800) as { series: { type: string; data: { name: string; itemStyle: { color: string }; children?: unknown[] }[] }[] };
    expect(option.series[0].type).toBe('treemap');
    expect(option.series[0].data.map((node) => [node.name, node.itemStyle.color, node.children?.length ?? 0])).toEqual([
      ['东城区', '#ef6c00', 2],
      ['教育局', '#bdbdbd', 0],
    ]);
  });

  it('cuts the bars\' labels to fit a narrow chart', () => {
    const narrow = optionOf({ kind: 'bar', categories: ['参与人次'], values: [450] }, 300) as { yAxis: { axisLabel: { width: number } } };
    const wide = optionOf({ kind: 'bar', categories: ['参与人次'], values: [450] }, 1000) as { yAxis: { axisLabel: { width: number } } };
    expect([narrow.yAxis.axisLabel.width, wide.yAxis.axisLabel.width]).toEqual([120, 220]);
  });

  it('draws CSS bars in the mini program, where ECharts is never loaded', () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      render(<Chart spec={{ kind: 'bar', categories: ['参与人次'], values: [450] }} label='主要统计' />);
      expect(screen.getByText('参与人次')).toBeTruthy();
      expect(screen.getByText('450')).toBeTruthy();
      expect(document.querySelector('.bars__fill')?.getAttribute('style')).toContain('width: 100%');
      expect(document.querySelector('.chart')).toBeNull();
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});
