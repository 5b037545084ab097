export default definePageConfig({
  navigationBarTitleText: '红旗小区名单',
})
