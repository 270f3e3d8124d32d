import { formatChinaDate, type HazardCounts } from '@safemonth/shared';

/** 隐患清零 counts in a line: the verified hazards not yet closed, those overdue, those closed. */
export const hazardCountsText = (counts: HazardCounts) => `未销号 ${counts.open} · 逾期 ${counts.overdue} · 已销号 ${counts.closed}`;

/** The campaign's 隐患清零 date, or that it has none. */
export const zeroingText = (zeroingDate: string | null) => (zeroingDate ? `隐患清零：${formatChinaDate(zeroingDate)}前全部整改销号` : '未设隐患清零日期');
