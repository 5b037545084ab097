export default definePageConfig({
  navigationBarTitleText: '红旗小区评选方案',
})
