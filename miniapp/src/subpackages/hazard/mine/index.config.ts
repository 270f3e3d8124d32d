export default definePageConfig({ navigationBarTitleText: '我的隐患举报' });
