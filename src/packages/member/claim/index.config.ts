export default definePageConfig({
  navigationBarTitleText: '自主申报',
})
