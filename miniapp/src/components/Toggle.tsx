import { Text, View } from '@tarojs/components';

/** An on/off chip, e.g. "收集" in a row of the liaison form settings; on is drawn like a chosen choice. */
export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <View className={`choice toggle${checked ? ' choice--active' : ''}`} onClick={() => onChange(!checked)}>
      <Text>{label}</Text>
    </View>
  );
}
