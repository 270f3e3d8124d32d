import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A white card with an optional heading. */
export function Section({ title, children, extra }: { title?: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <View className='section'>
      {title || extra ? (
        <View className='section__head'>
          {title ? <Text className='section__title'>{title}</Text> : null}
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  );
}
