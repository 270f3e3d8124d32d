/**
 * ECharts for the h5 console, only the charts the console draws (tree-shaken through echarts/core).
 * Imported only by `Chart` in the h5 build, on demand: the weapp build never bundles it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, TreemapChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const { init } = echarts;
