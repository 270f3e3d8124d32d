export default definePageConfig({ navigationBarTitleText: '安全月' });
