import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { duplicateItemTitles, parseStatisticsTable, type CampaignDto } from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { LinkText } from '../../../components/LinkText';
import { Notice } from '../../../components/Notice';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { isApiError } from '../../../api/client';
import { useAction } from '../../../api/data';
import { campaignsApi } from '../../../api/endpoints';
import { keys } from '../../../api/resources';
import { FIELD_KIND_LABELS, type FieldKind } from '../../../utils/campaigns';
import {
  checkItems,
  emptyField,
  emptyItem,
  fieldProblemKey,
  hasDataInItem,
  itemsChanged,
  itemsFromCampaign,
  itemsFromImport,
  itemsRequest,
  keepIdentities,
  placeItemDetails,
  type DraftField,
  type DraftItem,
  type Problems,
} from './model';

const KIND_CHOICES = (Object.keys(FIELD_KIND_LABELS) as FieldKind[]).map((value) => ({ value, label: FIELD_KIND_LABELS[value] }));

type PasteMode = 'append' | 'replace';
// No default: appending a table again would silently double its items, replacing drops the others.
const MODE_CHOICES: { value: PasteMode; label: string }[] = [
  { value: 'replace', label: '替换全部' },
  { value: 'append', label: '追加' },
];

export const PASTE_PLACEHOLDER = '在 Word 或 Excel 中选中整张统计表（含表头：活动项目、内容要求、进展情况）复制，粘贴到这里';

function Messages({ messages }: { messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <View className='messages'>
      {messages.map((message, index) => (
        <Text className='field__error' key={`${index}-${message}`}>
          {message}
        </Text>
      ))}
    </View>
  );
}

function HeadCell({ label }: { label: string }) {
  return (
    <View role='columnheader'>
      <Text>{label}</Text>
    </View>
  );
}

function FieldRow({
  field,
  onChange,
  onRemove,
  messages,
}: {
  field: DraftField;
  onChange: (field: DraftField) => void;
  onRemove: () => void;
  messages: string[] | undefined;
}) {
  return (
    <View className={`stat-field${messages?.length ? ' stat-field--invalid' : ''}`} role='row'>
      <View className='stat-field__label' role='cell'>
        <Field label='统计项名称' placeholder='统计项名称' value={field.label} onChange={(label) => onChange({ ...field, label })} maxLength={100} />
      </View>
      <View className='stat-field__kind' role='cell'>
        <Choices options={KIND_CHOICES} value={field.kind} onChange={(kind) => onChange({ ...field, kind })} />
      </View>
      <View className='stat-field__unit' role='cell'>
        {field.kind === 'count' ? (
          <Field label='单位' placeholder='单位，如 次' value={field.unit} onChange={(unit) => onChange({ ...field, unit })} maxLength={10} />
        ) : null}
      </View>
      <View className='stat-field__remove' role='cell'>
        {field.hasData ? <Text className='muted'>已有数据，不能删除</Text> : <LinkText onClick={onRemove}>删除统计项</LinkText>}
      </View>
      <View className='stat-field__messages'>
        <Messages messages={messages} />
      </View>
    </View>
  );
}

/** An item's statistics fields: blocks on a phone, rows of a table (name, kind, unit, remove) on the desktop console. */
function FieldTable({ item, onChange, problems }: { item: DraftItem; onChange: (item: DraftItem) => void; problems: Problems }) {
  const setField = (key: string, next: DraftField) =>
    onChange({ ...item, fields: item.fields.map((field) => (field.key === key ? next : field)) });
  return (
    <View className='stat-fields' role='table' aria-label={`${item.title.trim() || '活动项目'}的统计项`}>
      {item.fields.length > 0 ? (
        <View className='stat-fields__head' role='row'>
          <HeadCell label='统计项名称' />
          <HeadCell label='类型' />
          <HeadCell label='单位' />
          <HeadCell label='' />
        </View>
      ) : null}
      {item.fields.map((field) => (
        <FieldRow
          key={field.key}
          field={field}
          onChange={(next) => setField(field.key, next)}
          onRemove={() => onChange({ ...item, fields: item.fields.filter((f) => f.key !== field.key) })}
          messages={problems[fieldProblemKey(item, field)]}
        />
      ))}
      <View className='actions stat-fields__add'>
        <LinkText onClick={() => onChange({ ...item, fields: [...item.fields, emptyField()] })}>添加统计项</LinkText>
      </View>
    </View>
  );
}

function ItemCard({
  item,
  index,
  onChange,
  onRemove,
  problems,
}: {
  item: DraftItem;
  index: number;
  onChange: (item: DraftItem) => void;
  onRemove: () => void;
  problems: Problems;
}) {
  return (
    <View className='item-card'>
      <View className='item-card__head'>
        <Text className='item-card__number'>活动项目 {index + 1}</Text>
        {hasDataInItem(item) ? (
          <Text className='muted'>含已有数据的统计项，不能删除</Text>
        ) : (
          <LinkText onClick={onRemove}>删除活动项目</LinkText>
        )}
      </View>
      <Field label='项目名称' placeholder='活动项目名称' value={item.title} onChange={(title) => onChange({ ...item, title })} maxLength={200} />
      <TextArea label='内容要求' placeholder='内容要求' value={item.requirement} onChange={(requirement) => onChange({ ...item, requirement })} />
      <Messages messages={problems[item.key]} />
      <Text className='field__label'>统计项（{item.fields.length}）</Text>
      <FieldTable item={item} onChange={onChange} problems={problems} />
    </View>
  );
}

/**
 * The items read from a pasted table, as a table to correct before saving: each row an item (its
 * title over its 内容要求; the cell its fields were read from over the fields, a row each), so that
 * the fields get the width. On a phone the rows stack as cards.
 */
function PreviewTable({ items, onChange, problems }: { items: DraftItem[]; onChange: (items: DraftItem[]) => void; problems: Problems }) {
  const setItem = (next: DraftItem) => onChange(items.map((item) => (item.key === next.key ? next : item)));
  return (
    <View className='preview-table' role='table' aria-label='识别到的活动项目'>
      <View className='preview-table__head' role='row'>
        <HeadCell label='序号' />
        <HeadCell label='活动项目、内容要求' />
        <HeadCell label='统计项' />
        <HeadCell label='' />
      </View>
      {items.map((item, index) => (
        <View className='preview-row' role='row' key={item.key}>
          <View className='preview-row__number' role='cell'>
            <Text className='item-card__number'>
              <Text className='preview-row__caption'>活动项目 </Text>
              {index + 1}
            </Text>
          </View>
          <View className='preview-row__item' role='cell'>
            <Field label='项目名称' placeholder='活动项目名称' value={item.title} onChange={(title) => setItem({ ...item, title })} maxLength={200} />
            <Messages messages={problems[item.key]} />
            <TextArea label='内容要求' placeholder='内容要求' value={item.requirement} onChange={(requirement) => setItem({ ...item, requirement })} />
          </View>
          <View className='preview-row__fields' role='cell'>
            {item.fieldText ? <Text className='item-card__source'>表格原文：{item.fieldText}</Text> : null}
            <FieldTable item={item} onChange={setItem} problems={problems} />
          </View>
          <View className='preview-row__remove' role='cell'>
            <LinkText onClick={() => onChange(items.filter((i) => i.key !== item.key))}>删除</LinkText>
          </View>
        </View>
      ))}
    </View>
  );
}

function ItemList({ items, onChange, problems }: { items: DraftItem[]; onChange: (items: DraftItem[]) => void; problems: Problems }) {
  return (
    <View>
      {items.map((item, index) => (
        <ItemCard
          key={item.key}
          item={item}
          index={index}
          problems={problems}
          onChange={(next) => onChange(items.map((i) => (i.key === item.key ? next : i)))}
          onRemove={() => onChange(items.filter((i) => i.key !== item.key))}
        />
      ))}
    </View>
  );
}

/** The activity items: edited in place, or pasted as a statistics table, previewed and then saved. */
export function ItemsEditor({ campaign, onChanged }: { campaign: CampaignDto; onChanged?: (changed: boolean) => void }) {
  const [items, setItems] = useState(() => itemsFromCampaign(campaign.items));
  const [problems, setProblems] = useState<Problems>({});
  const [other, setOther] = useState<string[]>([]);
  const [invalid, setInvalid] = useState(false);
  /** Which save ran last: its messages and its busy state are shown by that save's button. */
  const [origin, setOrigin] = useState<'items' | 'paste'>('items');

  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [pasteMessage, setPasteMessage] = useState<string>();
  const [preview, setPreview] = useState<DraftItem[] | null>(null);
  const [mode, setMode] = useState<PasteMode>();
  const [modeMessage, setModeMessage] = useState<string>();

  // A table pasted or previewed but not saved counts as an unsaved edit too.
  const changed = useMemo(() => itemsChanged(items, campaign.items), [items, campaign.items]) || pasted.trim() !== '' || preview !== null;
  useEffect(() => onChanged?.(changed), [changed, onChanged]);

  // The answer is the saved campaign: it replaces the page's copy.
  const save = useAction(
    keys.campaign(campaign.id),
    ({ list }: { list: DraftItem[]; from: 'items' | 'paste' }) => campaignsApi.replaceItems(campaign.id, itemsRequest(list), { toast: false }),
    {
      fallback: '保存失败，请稍后重试',
      populate: true,
      onSuccess: (saved, { from }) => {
        setItems(itemsFromCampaign(saved.items));
        setProblems({});
        if (from === 'paste') closePaste();
        Taro.showToast({ title: '活动项目已保存', icon: 'success' });
      },
      onError: (error, { list }) => {
        if (!isApiError(error) || error.details.length === 0) return;
        const placed = placeItemDetails(error.details, list);
        setProblems(placed.problems);
        setOther(placed.other);
      },
    },
  );

  const closePaste = () => {
    setPasting(false);
    setPasted('');
    setPreview(null);
    setPasteMessage(undefined);
    setMode(undefined);
    setModeMessage(undefined);
    setInvalid(false);
    save.reset();
    setOther([]);
    setProblems({});
  };

  const runPreview = () => {
    setPasteMessage(undefined);
    if (!pasted.trim()) {
      setPreview(null);
      setPasteMessage('请先粘贴统计表');
      return;
    }
    const found = parseStatisticsTable(pasted);
    if (found.length === 0) {
      setPreview(null);
      setPasteMessage('没有识别到活动项目，请确认复制了整张表格（含表头）');
      return;
    }
    setPreview(itemsFromImport(found));
  };

  const submit = (list: DraftItem[], from: 'items' | 'paste') => {
    save.reset();
    setOther([]);
    setOrigin(from);
    const local = checkItems(list);
    setProblems(local);
    setInvalid(Object.keys(local).length > 0);
    if (Object.keys(local).length === 0) void save.run({ list, from });
  };

  const duplicates = preview ? duplicateItemTitles(items, preview) : [];

  const chooseMode = (next: PasteMode) => {
    setMode(next);
    setModeMessage(undefined);
  };

  const savePasted = async () => {
    if (!preview) return;
    // With nothing to keep, replacing and appending are the same.
    if (items.length === 0 || mode === 'replace') return submit(keepIdentities(preview, items), 'paste');
    if (!mode) return setModeMessage('请选择“替换全部”或“追加”');
    const fresh = preview.filter((item) => !duplicates.includes(item.title.trim()));
    if (fresh.length === 0) return setModeMessage('粘贴的活动项目都已存在，无需追加；如要用表格内容更新它们，请选择“替换全部”');
    if (duplicates.length) {
      const answer = await Taro.showModal({
        title: '跳过已有项目',
        content: `以下 ${duplicates.length} 个活动项目已存在，不再重复追加：${duplicates.join('、')}。\n只追加其余 ${fresh.length} 个？如要用表格内容更新已有项目，请选择“替换全部”。`,
        confirmText: '追加',
        cancelText: '取消',
      }).catch(() => ({ confirm: false }));
      if (!answer.confirm) return;
    }
    submit([...items, ...fresh], 'paste');
  };
  const busy = save.busy ? origin : undefined;

  const errorBlock = (
    <View>
      {invalid ? <Notice kind='error'>请按提示修改后再保存</Notice> : null}
      {save.failure ? <Notice kind='error'>{save.failure}</Notice> : null}
      <Messages messages={other} />
    </View>
  );

  return (
    <Section title='活动项目'>
      {campaign.status === 'published' ? <Notice>活动已发布：已有数据的统计项不能删除。</Notice> : null}

      {pasting ? (
        <View className='paste'>
          <Text className='paste__title'>粘贴统计表</Text>
          <TextArea tall placeholder={PASTE_PLACEHOLDER} value={pasted} onChange={setPasted} error={pasteMessage} />
          <View className='actions'>
            <Button size='small' type='primary' fill='outline' onClick={runPreview}>
              预览
            </Button>
            <Button size='small' disabled={busy === 'paste'} onClick={closePaste}>
              取消
            </Button>
          </View>
          {preview ? (
            <View className='paste__preview'>
              <Text className='paste__summary'>识别到 {preview.length} 个活动项目，可以修改后保存：</Text>
              <PreviewTable items={preview} onChange={setPreview} problems={problems} />
              {items.length > 0 ? (
                <View className={`field${modeMessage ? ' field--invalid' : ''}`}>
                  <Text className='field__label'>保存方式</Text>
                  <Choices options={MODE_CHOICES} value={mode} onChange={chooseMode} />
                  <Text className='muted'>
                    {mode === 'append'
                      ? `追加到现有的 ${items.length} 个活动项目之后`
                      : mode === 'replace'
                        ? `替换现有的 ${items.length} 个活动项目；同名的活动项目和统计项保留原有数据，已有数据的统计项不能删除`
                        : `已有 ${items.length} 个活动项目：请选择用表格替换全部，或追加在其后`}
                  </Text>
                  {mode === 'append' && duplicates.length ? (
                    <Notice>
                      {duplicates.length} 个活动项目已存在，追加时将跳过：{duplicates.join('、')}
                    </Notice>
                  ) : null}
                  {modeMessage ? <Text className='field__error'>{modeMessage}</Text> : null}
                </View>
              ) : null}
              {origin === 'paste' ? errorBlock : null}
              {preview.length > 0 ? (
                <Button type='primary' block loading={busy === 'paste'} disabled={busy !== undefined} onClick={() => void savePasted()}>
                  保存
                </Button>
              ) : (
                <Text className='muted'>预览中已没有活动项目。</Text>
              )}
            </View>
          ) : null}
        </View>
      ) : (
        <View className='actions items__tools'>
          <Button size='small' onClick={() => setPasting(true)}>
            粘贴统计表
          </Button>
        </View>
      )}

      {items.length === 0 ? <Text className='muted'>还没有活动项目：粘贴统计表，或逐项添加。</Text> : null}
      <ItemList items={items} onChange={setItems} problems={problems} />
      <View className='actions'>
        <Button size='small' onClick={() => setItems((current) => [...current, emptyItem()])}>
          添加活动项目
        </Button>
      </View>
      {origin === 'items' ? errorBlock : null}
      <View className='actions'>
        <Button type='primary' block loading={busy === 'items'} disabled={busy !== undefined} onClick={() => submit(items, 'items')}>
          保存活动项目
        </Button>
      </View>
    </Section>
  );
}
