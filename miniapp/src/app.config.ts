export default defineAppConfig({
  // The first page opens when the app starts (h5: the root of the site).
  pages: ['pages/home/index', 'pages/login/index', 'pages/invite/index'],
  // The committee's console lives in a subpackage, so the main package stays small.
  subPackages: [
    {
      root: 'subpackages/console',
      pages: ['invites/index', 'units/index', 'campaign-new/index', 'campaign-editor/index', 'report-review/index', 'statistics/index', 'completeness/index', 'reminders/index'],
    },
    {
      // What every participant of a campaign sees: the campaign page and the liaison form.
      root: 'subpackages/campaign',
      pages: ['detail/index', 'liaison/index'],
    },
    {
      // Activity reports: the form (with drafts and uploads), my reports, one report.
      root: 'subpackages/report',
      pages: ['form/index', 'mine/index', 'detail/index'],
    },
    {
      // A liaison's own unit in a campaign: its statistics table and its hand-ins.
      root: 'subpackages/unit',
      pages: ['index/index', 'hand-in/index'],
    },
    {
      // 消息: everyone's inbox (deadline reminders, review results).
      root: 'subpackages/inbox',
      pages: ['index/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '安全月',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  // The report form may add where an activity took place (the reporter taps to allow it).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于记录活动地点的位置' },
  },
});
