import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampaignDto, UnitSummary } from '@safemonth/shared';
import { OptionPicker } from '../../../components/OptionPicker';

/**
 * Which of the subtrees the viewer oversees in a campaign (`overseenUnits`) a console page looks
 * into: the one chosen, else the organizing unit's when the viewer oversees it, else the first.
 */
export function useOverseenRoot(campaign: Pick<CampaignDto, 'organizingUnit' | 'overseenUnits'> | undefined) {
  const [chosenId, choose] = useState<string>();
  const roots = campaign?.overseenUnits ?? [];
  const root = roots.find((unit) => unit.id === chosenId) ?? roots.find((unit) => unit.id === campaign?.organizingUnit.id) ?? roots[0];
  return { roots, root, choose };
}

/**
 * Picks one of the subtrees the viewer oversees; nothing to pick when there is one. The organizing
 * unit's holds every participating unit.
 */
export function RootChooser({ campaign, value, onChange }: { campaign: Pick<CampaignDto, 'organizingUnit' | 'overseenUnits'>; value: UnitSummary; onChange: (unitId: string) => void }) {
  if (campaign.overseenUnits.length < 2) return null;
  const options = campaign.overseenUnits.map((unit) => ({ value: unit.id, label: unit.id === campaign.organizingUnit.id ? `${unit.name}（全部参与单位）` : unit.name }));
  return (
    <View className='root-chooser'>
      <Text className='row__meta'>查看范围</Text>
      <OptionPicker options={options} value={value.id} onChange={onChange} placeholder='请选择参与单位' />
    </View>
  );
}
