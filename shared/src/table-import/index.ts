export { parseStatisticsTable } from './parse-statistics-table';
export type { ImportedActivityItem } from './parse-statistics-table';
