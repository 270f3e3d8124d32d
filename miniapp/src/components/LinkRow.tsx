import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A full-width row that opens another page; `extra` stands before the arrow (e.g. a count). */
export function LinkRow({ title, onClick, extra }: { title: string; onClick: () => void; extra?: ReactNode }) {
  return (
    <View className='row link-row' onClick={onClick}>
      <Text className='row__title'>{title}</Text>
      <View className='link-row__end'>
        {extra}
        <Text className='link-row__arrow'>›</Text>
      </View>
    </View>
  );
}
