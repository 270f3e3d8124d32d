import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface NoticeProps {
  kind?: 'error' | 'info' | 'success';
  children: ReactNode;
}

/** A message block on the page: an error the server answered, a hint, a confirmation. */
export function Notice({ kind = 'info', children }: NoticeProps) {
  return (
    <View className={`notice notice--${kind}`}>
      <Text>{children}</Text>
    </View>
  );
}
