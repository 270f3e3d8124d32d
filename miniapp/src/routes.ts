/** Page paths, as Taro navigation expects them (leading slash). */
export const Routes = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  invite: '/pages/invite/index',
  /** 消息: the signed-in person's inbox. */
  inbox: '/subpackages/inbox/index/index',
  consoleInvites: '/subpackages/console/invites/index',
  consoleUnits: '/subpackages/console/units/index',
  /** ?id= */
  campaign: '/subpackages/campaign/detail/index',
  /** ?id= */
  liaisonForm: '/subpackages/campaign/liaison/index',
  /** ?campaignId= (&reportId= to change a returned or submitted report) */
  reportForm: '/subpackages/report/form/index',
  /** ?campaignId= */
  myReports: '/subpackages/report/mine/index',
  /** ?id= */
  report: '/subpackages/report/detail/index',
  /** ?campaignId= */
  reportReview: '/subpackages/console/report-review/index',
  consoleCampaignNew: '/subpackages/console/campaign-new/index',
  /** ?id= */
  consoleCampaignEditor: '/subpackages/console/campaign-editor/index',
  /** ?campaignId= (&unitId=): a liaison's 本单位, its table and deadlines. */
  unit: '/subpackages/unit/index/index',
  /** ?campaignId=&unitId=&deliverableId=&periodKey=: hands in one instance of a deliverable. */
  unitHandIn: '/subpackages/unit/hand-in/index',
  /** ?campaignId= (&unitId=): the dashboard, a unit's table (own or subtree), its review and exports. */
  consoleStatistics: '/subpackages/console/statistics/index',
  /** ?campaignId=: deliverable instances × units, the hand-ins and who is missing. */
  consoleCompleteness: '/subpackages/console/completeness/index',
  /** ?campaignId= (&tab=settings): the delivery log of the campaign's notices, and its reminder policies. */
  consoleReminders: '/subpackages/console/reminders/index',
  /** ?campaignId= (&tab=settings|log): the handlers' queue of hazard reports, their settings, and the log of looks at reporters. */
  consoleHazards: '/subpackages/console/hazards/index',
  /** ?campaignId=&unitId=: the hazards a unit is to rectify. */
  unitRectify: '/subpackages/unit/rectify/index',
  /** 隐患随手拍: the hazard report form, also without an account (then anonymous). */
  hazardReport: '/subpackages/hazard/report/index',
  /** Follow-up of an anonymous hazard report by its receipt code (typed there, never in the URL). */
  hazardFollow: '/subpackages/hazard/follow/index',
  /** My named hazard reports; ?id= one of them with its messages. */
  myHazards: '/subpackages/hazard/mine/index',
} as const;

/** A page path with a query string. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}
