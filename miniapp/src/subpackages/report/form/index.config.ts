export default definePageConfig({ navigationBarTitleText: '报活动' });
