export default definePageConfig({
  navigationBarTitleText: '红旗小区申报',
})
