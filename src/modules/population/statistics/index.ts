export { registerStatisticsPages } from './statistics.pages.js';
export { getVillageStatistics, BREAKDOWN_KEYS, PUBLIC_BREAKDOWN_KEYS } from './statistics.service.js';
export type { Breakdown, BreakdownKey, StatRow, VillageStatistics, PublicVillageStatistics } from './statistics.service.js';
export { BarChart, PopulationPyramid, type ChartRow } from './svg-chart.js';
