export default definePageConfig({ navigationBarTitleText: '联络员信息表' });
