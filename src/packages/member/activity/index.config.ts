export default definePageConfig({
  navigationBarTitleText: '活动详情',
  enablePullDownRefresh: true,
  // The share card (useShareAppMessage) needs the page's share menu on.
  enableShareAppMessage: true,
})
