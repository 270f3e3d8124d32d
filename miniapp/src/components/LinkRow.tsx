import { Text, View } from '@tarojs/components';

/** A full-width row that opens another page. */
export function LinkRow({ title, onClick }: { title: string; onClick: () => void }) {
  return (
    <View className='row link-row' onClick={onClick}>
      <Text className='row__title'>{title}</Text>
      <Text className='link-row__arrow'>›</Text>
    </View>
  );
}
