import { Text, View } from '@tarojs/components';
import type { StatisticsTableDto } from '@safemonth/shared';
import { ExternalLink } from '../../../components/ExternalLink';
import { countParts, fieldText } from './model';

/**
 * A statistics table's items as the official table lays them out: 活动项目, 内容要求, 进展情况 (each
 * field's value), with the evidence links of the item's reports.
 */
export function TableItems({ items, scope, units }: { items: StatisticsTableDto['items']; scope: StatisticsTableDto['scope']; units: number }) {
  if (items.length === 0) return <Text className='muted'>本活动没有统计项目</Text>;
  return (
    <View className='table-items'>
      {items.map((item) => (
        <View className='table-item' key={item.id}>
          <Text className='table-item__title'>{item.title}</Text>
          {item.requirement ? <Text className='row__meta'>{item.requirement}</Text> : null}
          {item.fields.length === 0 ? <Text className='muted'>无统计项</Text> : null}
          {item.fields.map((field) => {
            const parts = countParts(field);
            const text = fieldText(field, scope, units);
            return (
              <View className='table-item__field' key={field.id}>
                <Text className='table-item__label'>{field.label}</Text>
                <Text className={text === '未填' ? 'table-item__value table-item__value--empty' : 'table-item__value'}>{text}</Text>
                {parts ? <Text className='muted'>{parts}</Text> : null}
              </View>
            );
          })}
          {item.evidence.length > 0 ? (
            <View className='table-item__evidence'>
              <Text className='row__meta'>佐证链接</Text>
              {item.evidence.map((link) => (
                <View className='table-item__link' key={`${link.reportId}-${link.url}`}>
                  <Text className='muted'>{`${link.reportTitle}：`}</Text>
                  <ExternalLink url={link.url} />
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
