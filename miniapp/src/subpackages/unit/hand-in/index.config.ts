export default definePageConfig({ navigationBarTitleText: '报送材料' });
