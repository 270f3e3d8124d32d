export default definePageConfig({ navigationBarTitleText: '隐患举报' });
