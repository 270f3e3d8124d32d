import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { percentText } from '../utils/format';
import './Chart.scss';

/** A unit of a completion map, with the units under it. `rate` (0 to 1) is null where nothing was expected. */
export interface TreeNode {
  name: string;
  /** The area: e.g. how many hand-ins were expected of it. */
  value: number;
  rate: number | null;
  children?: TreeNode[];
}

/**
 * What a chart shows: rates over instances (lines, in %), amounts per label (bars), or a map of the
 * unit tree coloured by a rate (treemap).
 */
export type ChartSpec =
  | { kind: 'line'; categories: string[]; series: { name: string; values: number[] }[] }
  | BarSpec
  | { kind: 'treemap'; nodes: TreeNode[] };

export interface BarSpec {
  kind: 'bar';
  categories: string[];
  values: number[];
}

/** One bar of the CSS chart: its label, its length (0 to 1) and what it says. */
export interface Bar {
  label: string;
  ratio: number;
  text: string;
  color?: string;
}


/** A rate's colour: red below half, orange below 80 %, green from there, grey for none. */
export function rateColor(rate: number | null): string {
  if (rate === null) return '#bdbdbd';
  return rate < 0.5 ? '#c62828' : rate < 0.8 ? '#ef6c00' : '#2e7d32';
}

/** The nodes of a tree, parents before their children. */
const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);

/** The same data as bars (the weapp's chart): the first series of lines, the amounts, each unit's rate. */
export function barsOf(spec: ChartSpec): Bar[] {
  if (spec.kind === 'line') {
    const values = spec.series[0]?.values ?? [];
    return spec.categories.map((label, i) => ({ label, ratio: values[i] ?? 0, text: percentText(values[i] ?? 0), color: rateColor(values[i] ?? 0) }));
  }
  if (spec.kind === 'bar') {
    const max = Math.max(0, ...spec.values);
    return spec.categories.map((label, i) => ({ label, ratio: max > 0 ? spec.values[i] / max : 0, text: String(spec.values[i]) }));
  }
  return flatten(spec.nodes).map((node) => ({
    label: node.name,
    ratio: node.rate ?? 0,
    text: node.rate === null ? '无需报送' : percentText(node.rate),
    color: rateColor(node.rate),
  }));
}

const treemapData = (nodes: TreeNode[]): unknown[] =>
  nodes.map((node) => ({
    name: node.name,
    value: node.value,
    rate: node.rate,
    itemStyle: { color: rateColor(node.rate) },
    ...(node.children?.length ? { children: treemapData(node.children) } : {}),
  }));

/** The ECharts option that draws `spec` in a chart `width` pixels wide. */
export function optionOf(spec: ChartSpec, width: number): Record<string, unknown> {
  if (spec.kind === 'line') {
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => percentText(value) },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 36, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { rotate: spec.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => percentText(value) } },
      series: spec.series.map((series) => ({ type: 'line', name: series.name, data: series.values, symbolSize: 8 })),
    };
  }
  if (spec.kind === 'bar') {
    // Horizontal, the largest on top, each bar saying its amount: long Chinese labels read on the
    // axis (cut to 40 % of the width at most; the tooltip has them whole).
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { show: false } },
      yAxis: { type: 'category', data: [...spec.categories].reverse(), axisLabel: { width: Math.min(220, Math.round(width * 0.4)), overflow: 'truncate' } },
      series: [{ type: 'bar', data: [...spec.values].reverse(), itemStyle: { color: '#c8161d' }, label: { show: true, position: 'right' } }],
    };
  }
  return {
    tooltip: {
      formatter: (info: { name: string; data: { rate: number | null } }) =>
        `${info.name}：${info.data.rate === null ? '无需报送' : `按时 ${percentText(info.data.rate)}`}`,
    },
    series: [
      {
        type: 'treemap',
        data: treemapData(spec.nodes),
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        label: { show: true, formatter: '{b}' },
        upperLabel: { show: true, height: 22 },
        levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } }, { itemStyle: { borderColor: '#eee', gapWidth: 1 } }],
      },
    ],
  };
}

/** Bars drawn with CSS alone (weapp). */
export function Bars({ bars }: { bars: Bar[] }) {
  return (
    <View className='bars'>
      {bars.map((bar, index) => (
        <View className='bars__row' key={`${index}-${bar.label}`}>
          <Text className='bars__label'>{bar.label}</Text>
          <View className='bars__track'>
            <View className='bars__fill' style={{ width: `${Math.round(Math.min(Math.max(bar.ratio, 0), 1) * 100)}%`, background: bar.color }} />
          </View>
          <Text className='bars__text'>{bar.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** ECharts in a div of its own, loaded on first use and redrawn when the spec or the window changes. */
function EChart({ spec, label, height }: { spec: ChartSpec; label: string; height: number }) {
  const element = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // The spec as text: a page renders a new object each time, the chart is drawn again only when it differs.
  const drawn = JSON.stringify(spec);
  useEffect(() => {
    let chart: { setOption: (option: Record<string, unknown>) => void; resize: () => void; dispose: () => void } | undefined;
    let gone = false;
    const resize = () => chart?.resize();
    if (process.env.TARO_ENV === 'h5') {
      void import('./echarts').then(({ init }) => {
        if (gone || !element.current) return;
        chart = init(element.current);
        chart.setOption(optionOf(JSON.parse(drawn) as ChartSpec, element.current.clientWidth));
        window.addEventListener('resize', resize);
      }).catch(() => !gone && setFailed(true));
    }
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [drawn]);
  if (failed) return <Text className='muted'>图表加载失败，请刷新页面重试</Text>;
  return <div ref={element} className='chart' role='img' aria-label={label} style={{ height: `${height}px` }} />;
}

/**
 * A chart: ECharts on the h5 console, simple CSS bars in the mini program (which never loads
 * ECharts). `label` says what it shows, for screen readers.
 */
export function Chart({ spec, label, height = 320 }: { spec: ChartSpec; label: string; height?: number }) {
  if (process.env.TARO_ENV !== 'h5') return <Bars bars={barsOf(spec)} />;
  return <EChart spec={spec} label={label} height={height} />;
}
