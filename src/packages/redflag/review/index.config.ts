export default definePageConfig({
  navigationBarTitleText: '红旗小区审核推荐',
})
