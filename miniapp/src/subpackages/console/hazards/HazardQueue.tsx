import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  DEFAULT_HAZARD_CATEGORIES,
  formatChinaDate,
  formatChinaInstant,
  HAZARD_STATUSES,
  HAZARD_STATUS_LABELS,
  type CampaignDto,
  type HazardStatus,
  type HazardSummaryDto,
} from '@safemonth/shared';
import { Badge } from '../../../components/Badge';
import { DataTable, useWideTables, type Column } from '../../../components/DataTable';
import { LoadFailure } from '../../../components/LoadFailure';
import { OptionPicker } from '../../../components/OptionPicker';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { Toggle } from '../../../components/Toggle';
import { Button } from '../../../components/ui';
import { useHazards, useHazardSettings, type HazardFilter } from '../../../api/resources';
import { CasePanel, placeText } from './CasePanel';
import { statusTone } from './model';
import { UnitChooser, type ChosenUnit } from './UnitChooser';

const ALL = 'all';
const STATUS_OPTIONS = [{ value: ALL, label: '全部状态' }, ...HAZARD_STATUSES.map((value) => ({ value, label: HAZARD_STATUS_LABELS[value] }))];

/** The marks of a row: overdue, typical, anonymous. */
const marksText = (hazard: HazardSummaryDto) => [hazard.overdue ? '逾期' : '', hazard.typical ? '典型案例' : '', hazard.anonymous ? '匿名' : ''].filter(Boolean).join(' · ');

/** The rectification's unit and due date, or a dash. */
const rectificationText = (hazard: HazardSummaryDto) => (hazard.rectification ? `${hazard.rectification.unit.name}，${formatChinaDate(hazard.rectification.dueDate)}前` : '—');

const columns: Column<HazardSummaryDto, never>[] = [
  { title: '提交时间', grow: 2, cell: (h) => <Text>{formatChinaInstant(h.createdAt)}</Text> },
  { title: '类别', cell: (h) => <Text>{h.category}</Text> },
  { title: '单位或地点', grow: 3, cell: (h) => <Text>{placeText(h)}</Text> },
  { title: '状态', cell: (h) => <Badge tone={statusTone(h.status)}>{HAZARD_STATUS_LABELS[h.status]}</Badge> },
  { title: '整改单位和期限', grow: 2, cell: (h) => <Text>{rectificationText(h)}</Text> },
  { title: '标记', cell: (h) => <Text>{marksText(h)}</Text> },
];

/**
 * The handlers' queue: the campaign's hazard reports, filtered by status, category, unit (with the
 * units under it), overdue and typical, a page at a time; a table on the desktop, cards on phones.
 * A row opens its case under it. It may open already filtered to a unit's overdue cases.
 */
export function HazardQueue({ campaign, overdue, unit: shownUnit }: { campaign: CampaignDto; overdue?: boolean; unit?: ChosenUnit }) {
  const [filter, setFilter] = useState<HazardFilter>({ overdue: overdue || undefined, unitId: shownUnit?.id });
  const [unit, setUnit] = useState<ChosenUnit | undefined>(shownUnit);
  const hazards = useHazards(campaign.id, filter);
  // The campaign's own categories are read with its settings, which its managers alone may read.
  const settings = useHazardSettings(campaign.editable ? campaign.id : undefined);
  const categories = settings.data?.categories ?? DEFAULT_HAZARD_CATEGORIES;
  const categoryOptions = [{ value: ALL, label: '全部类别' }, ...categories.map((value) => ({ value, label: value }))];
  const wide = useWideTables();
  const [openId, setOpenId] = useState<string>();
  const rows = hazards.data?.items ?? [];
  const filtered = Object.values(filter).some((value) => value !== undefined);

  const change = (next: HazardFilter) => {
    setFilter({ ...filter, ...next });
    setOpenId(undefined);
  };
  const chooseUnit = (chosen: ChosenUnit | undefined) => {
    setUnit(chosen);
    change({ unitId: chosen?.id });
  };
  const toggle = (hazard: HazardSummaryDto) => setOpenId(hazard.id === openId ? undefined : hazard.id);
  const panel = (hazard: HazardSummaryDto) => <CasePanel hazardId={hazard.id} campaignId={campaign.id} organizerId={campaign.organizingUnit.id} />;

  return (
    <View>
      <Section title='筛选'>
        <View className='hazard-filter'>
          <View className='hazard-filter__field'>
            <Text className='row__meta'>状态</Text>
            <OptionPicker
              options={STATUS_OPTIONS}
              value={filter.status ?? ALL}
              onChange={(v) => change({ status: v === ALL ? undefined : (v as HazardStatus) })}
              placeholder='请选择状态'
            />
          </View>
          <View className='hazard-filter__field'>
            <Text className='row__meta'>类别</Text>
            <OptionPicker options={categoryOptions} value={filter.category ?? ALL} onChange={(v) => change({ category: v === ALL ? undefined : v })} placeholder='请选择类别' />
          </View>
          <View className='hazard-filter__field'>
            <Text className='row__meta'>单位（含下级）</Text>
            <UnitChooser rootId={campaign.organizingUnit.id} value={unit} onChange={chooseUnit} noneLabel='全部单位' />
          </View>
        </View>
        <View className='choices'>
          <Toggle label='只看逾期' checked={filter.overdue === true} onChange={(on) => change({ overdue: on || undefined })} />
          <Toggle label='只看典型案例' checked={filter.typical === true} onChange={(on) => change({ typical: on || undefined })} />
        </View>
        {filtered ? (
          <View className='actions'>
            <Button
              size='small'
              onClick={() => {
                setUnit(undefined);
                setFilter({});
                setOpenId(undefined);
              }}
            >
              清除条件
            </Button>
          </View>
        ) : null}
      </Section>
      <Section title='举报列表'>
        <LoadFailure resource={hazards} />
        {hazards.loading ? <Text className='muted'>加载中…</Text> : null}
        {hazards.data?.total === 0 ? <Text className='muted'>{filtered ? '没有符合条件的举报' : '还没有收到隐患举报'}</Text> : null}
        {rows.length > 0 && wide ? (
          <DataTable
            label='举报列表'
            columns={columns}
            rows={rows}
            rowKey={(h) => h.id}
            order={undefined}
            onSort={() => undefined}
            onRow={toggle}
            selectedKey={openId ?? ''}
            detail={(h) => (h.id === openId ? panel(h) : null)}
          />
        ) : null}
        {rows.length > 0 && !wide
          ? rows.map((h) => (
              <View key={h.id}>
                {/* Only the heading toggles: taps in the case (its forms, its buttons) stay in it. */}
                <View className='row hazard-row' onClick={() => toggle(h)}>
                  <View className='row__main'>
                    <Text className='row__title'>{`${h.category} · ${placeText(h)}`}</Text>
                    <Text className='row__meta'>{[formatChinaInstant(h.createdAt), marksText(h)].filter(Boolean).join(' · ')}</Text>
                    {h.rectification ? <Text className='row__meta'>{`整改：${rectificationText(h)}`}</Text> : null}
                  </View>
                  <Badge tone={statusTone(h.status)}>{HAZARD_STATUS_LABELS[h.status]}</Badge>
                </View>
                {h.id === openId ? panel(h) : null}
              </View>
            ))
          : null}
        <Pager page={hazards.data} onPage={hazards.setPage} />
      </Section>
    </View>
  );
}
