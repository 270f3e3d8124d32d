import { Text, View } from '@tarojs/components';
import './Tabs.scss';

export interface Tab<T extends string> {
  value: T;
  label: string;
}

/**
 * A row of tabs above the one part of a page shown at a time. Choosing another tab only asks
 * `onChange`: the page decides whether to switch (e.g. after asking about unsaved edits).
 */
export function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: readonly Tab<T>[]; value: T; onChange: (value: T) => void; label: string }) {
  return (
    <View className='tabs' role='tablist' aria-label={label}>
      {tabs.map((tab) => {
        const current = tab.value === value;
        return (
          <View
            key={tab.value}
            role='tab'
            aria-selected={current}
            className={`tabs__tab${current ? ' tabs__tab--current' : ''}`}
            onClick={() => {
              if (!current) onChange(tab.value);
            }}
          >
            <Text>{tab.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
