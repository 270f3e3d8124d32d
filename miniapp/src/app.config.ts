export default defineAppConfig({
  // The first page opens when the app starts (h5: the root of the site).
  pages: ['pages/home/index', 'pages/login/index', 'pages/invite/index'],
  // The committee's console lives in a subpackage, so the main package stays small.
  subPackages: [
    {
      root: 'subpackages/console',
      pages: ['invites/index', 'units/index', 'campaign-new/index', 'campaign-editor/index', 'report-review/index', 'statistics/index', 'completeness/index', 'reminders/index', 'hazards/index'],
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
      pages: ['index/index', 'hand-in/index', 'rectify/index'],
    },
    {
      // 消息: everyone's inbox (deadline reminders, review results).
      root: 'subpackages/inbox',
      pages: ['index/index'],
    },
    {
      // 隐患随手拍: the report form and the follow-up by receipt code (both without an account), my reports.
      root: 'subpackages/hazard',
      pages: ['report/index', 'follow/index', 'mine/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '安全月',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
  },
  // The report forms may add where an activity took place or a hazard is (the reporter taps to allow it).
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于记录活动地点或隐患所在的位置' },
  },
});
