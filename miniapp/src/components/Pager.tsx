import { Text, View } from '@tarojs/components';
import type { Page } from '@safemonth/shared';
import { Button } from './ui';

export interface PagerProps {
  page: Page<unknown> | undefined;
  onPage: (page: number) => void;
}

/** Moves through a paged list: 上一页 / 下一页 with where the reader is and how many there are. */
export function Pager({ page, onPage }: PagerProps) {
  if (!page) return null;
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  if (pages === 1) return <Text className='pager__total'>共 {page.total} 条</Text>;
  return (
    <View className='pager'>
      <Button size='small' disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
        上一页
      </Button>
      <Text className='pager__where'>
        第 {page.page} / {pages} 页，共 {page.total} 条
      </Text>
      <Button size='small' disabled={page.page >= pages} onClick={() => onPage(page.page + 1)}>
        下一页
      </Button>
    </View>
  );
}
