// tabBar pages and the check-in/registration flow live in the main package; tools for secretaries and admins are
// subpackages so a member never downloads them (main-package budget 1.2 MB).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/activities/index', 'pages/points/index', 'pages/mine/index', 'pages/register/index', 'pages/checkin/index'],
  subPackages: [
    {
      root: 'packages/secretary',
      pages: [
        'index/index',
        'activity-new/index',
        'activities/index',
        'code/index',
        'review/index',
        'backfill/index',
        'members/index',
        'scores/index',
        'ruleset/index',
        'deduction/index',
        'publicity/index',
        'poster/index',
        'projector/index',
      ],
    },
    { root: 'packages/member', pages: ['activity/index', 'attendance/index', 'appeal/index', 'claim/index', 'move/index', 'messages/index'] },
    { root: 'packages/unit', pages: ['scores/index', 'import/index', 'feedback/index'] },
    {
      root: 'packages/admin',
      pages: ['tally/index', 'dashboard/index', 'settings/index', 'adjustment/index', 'template/index', 'directory/index', 'messages/index'],
    },
    // 满意度测评: residents answer from the poster without registering; the community opens, closes and reads them.
    { root: 'packages/survey', pages: ['answer/index', 'manage/index', 'results/index', 'poster/index'] },
    // 述职 (issue 13 §3)
    { root: 'packages/report', pages: ['mine/index', 'list/index', 'read/index'] },
    // 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): the county's campaign, the estate's 申报, community/street review, the panel.
    {
      root: 'packages/redflag',
      pages: ['campaign/index', 'apply/index', 'review/index', 'panel/index', 'decision/index', 'publicity/index', 'results/index'],
    },
    { root: 'packages/dev', pages: ['login/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '在职党员双积分',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tab/activity.png', selectedIconPath: 'assets/tab/activity-active.png' },
      { pagePath: 'pages/points/index', text: '我的积分', iconPath: 'assets/tab/points.png', selectedIconPath: 'assets/tab/points-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  // Location (getLocation): a member's check-in is compared with the activity's point (optional: without it the
  // check-in goes to review), and a secretary may use where they stand as the point (发布活动). WeChat shows `desc`
  // (at most 30 characters) when it asks; only the location scopes are declared here (docs/DESIGN.md#privacy-consent-and-updates).
  permission: {
    'scope.userLocation': { desc: '签到时核对是否在活动地点附近；书记发布活动时定位签到点' },
  },
  // Every location API the code calls, and only those (src/app.config.test.ts compares them with the source):
  // getLocation (services/location.ts), chooseLocation (services/pick-location.weapp.ts: the point on the map).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // No onNeedPrivacyAuthorization listener: WeChat's own privacy popup asks on whatever page first calls a privacy
  // API (its check is always on, so the old __usePrivacyCheck__ switch is gone).
  lazyCodeLoading: 'requiredComponents',
} as Parameters<typeof defineAppConfig>[0])
