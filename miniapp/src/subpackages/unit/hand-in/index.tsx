import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  formatChinaInstant,
  DELIVERABLE_KIND_LABELS,
  HAND_IN_LIMITS,
  INSTANCE_STATUS_LABELS,
  type DeliverableInstanceStatusDto,
  type HandInDto,
  type HandInRequest,
  type ReportDto,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { Badge } from '../../../components/Badge';
import { LoadFailure } from '../../../components/LoadFailure';
import { Notice } from '../../../components/Notice';
import { PageStatus } from '../../../components/PageStatus';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { SubscribePrompt } from '../../../components/SubscribePrompt';
import { TextArea } from '../../../components/TextArea';
import { Toggle } from '../../../components/Toggle';
import { together, useAction } from '../../../api/data';
import { handInsApi, type HandInPlace } from '../../../api/endpoints';
import { keys, useHandIn, useHandInStatus, useReports } from '../../../api/resources';
import { useSession } from '../../../session/guard';
import { formatDueLong } from '../../../utils/deadlines';
import { useNow } from '../../../utils/useNow';
import { Routes, withQuery } from '../../../routes';
import { useUploadQueue } from '../../../utils/useUploadQueue';
import { handedIn, periodDays, statusTone, takesReports, unitInstances, withinPeriod } from '../unit';
import { Documents, type DocumentEntry, type PickedDocument } from './Documents';
import '../unit.scss';

const quiet = { toast: false } as const;

const HAND_IN_STATE_LABELS: Record<HandInDto['state'], string> = { submitted: '待审核', accepted: '已通过', returned: '已退回' };

let localKeys = 0;
const nextKey = () => `d${(localKeys += 1)}`;

/** The unit's accepted reports of the instance's period, a page at a time, each with 选择. */
function ReportChoice({ place, instance, chosen, onToggle }: {
  place: HandInPlace;
  instance: DeliverableInstanceStatusDto;
  chosen: string[];
  onToggle: (report: Pick<ReportDto, 'id'>, on: boolean) => void;
}) {
  const reports = useReports(place.campaignId, { unitId: place.unitId, status: 'accepted', ...periodDays(instance), sort: 'startAt', order: 'asc' });
  // The list takes whole China days and the units under this one: only the unit's own, within the period, may go.
  const shown = (reports.data?.items ?? []).filter((r) => r.unit.id === place.unitId && withinPeriod(r.startAt, instance));
  return (
    <Section title='本期活动报告'>
      <Text className='row__meta'>已选 {chosen.length} 份（本单位本期已通过审核的报告）</Text>
      <LoadFailure resource={reports} />
      {reports.data && shown.length === 0 ? <Text className='muted'>本期没有已通过审核的活动报告</Text> : null}
      {shown.map((report) => (
        <View className='row' key={report.id}>
          <View className='row__main'>
            <Text className='row__title'>{report.title}</Text>
            <Text className='row__meta'>{formatChinaInstant(report.startAt)}</Text>
          </View>
          <Toggle label='选择' checked={chosen.includes(report.id)} onChange={(on) => onToggle(report, on)} />
        </View>
      ))}
      <Pager page={reports.data} onPage={reports.setPage} />
    </Section>
  );
}

/** What was handed in last: its state, the comment when returned, and its course. */
function Current({ handIn }: { handIn: HandInDto }) {
  const returned = [...handIn.history].reverse().find((step) => step.action === 'returned');
  return (
    <Section title='当前报送'>
      <View className='addition'>
        <Badge tone={handIn.state === 'accepted' ? 'success' : handIn.state === 'returned' ? 'muted' : 'primary'}>{HAND_IN_STATE_LABELS[handIn.state]}</Badge>
        <Text className='row__meta'>{formatChinaInstant(handIn.arrivedAt)} 送达</Text>
      </View>
      {handIn.state === 'returned' ? <Notice kind='error'>退回意见：{returned?.comment ?? '无'}</Notice> : null}
      {handIn.state === 'accepted' ? <Notice kind='success'>本期材料已通过审核，不能再修改</Notice> : null}
      {handIn.text ? <Text className='row__meta'>说明：{handIn.text}</Text> : null}
      {handIn.documents.map((document) => (
        <View key={document.id}>
          <Text className='link' onClick={() => void handInsApi.openDocument(document).catch(() => undefined)}>
            {document.fileName}
          </Text>
        </View>
      ))}
      {handIn.reports.length > 0 ? <Text className='row__meta'>活动报告：{handIn.reports.map((r) => r.title).join('、')}</Text> : null}
    </Section>
  );
}

/** 报送材料: the liaison hands in one instance of a deliverable (text, documents, the period's reports), or hands it in again. */
export default function HandInPage() {
  const { params } = useRouter();
  const place: HandInPlace = {
    campaignId: params.campaignId ?? '',
    unitId: params.unitId ?? '',
    deliverableId: params.deliverableId ?? '',
    periodKey: params.periodKey ?? '',
  };
  const signedIn = useSession(withQuery(Routes.unitHandIn, { ...place }));
  const complete = Boolean(place.campaignId && place.unitId && place.deliverableId && place.periodKey);
  const status = useHandInStatus(signedIn && complete ? place.campaignId : undefined, place.unitId);
  const mine = status.status && unitInstances(status.status, place.unitId)?.find((i) => i.instance.deliverableId === place.deliverableId && i.instance.periodKey === place.periodKey);
  // Only something handed in can be read back (the API answers 404 before).
  const current = useHandIn(mine && handedIn(mine.status) ? place : undefined);
  const now = useNow(30_000);

  const [text, setText] = useState('');
  const [documents, setDocuments] = useState<DocumentEntry[]>([]);
  const [reportIds, setReportIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const files = useRef(new Map<string, PickedDocument>());
  const started = useRef(false);

  // The form starts from what was handed in last, once (a resubmission changes it).
  useEffect(() => {
    if (started.current || !current.data) return;
    started.current = true;
    setText(current.data.text);
    setDocuments(current.data.documents.map((document) => ({ key: nextKey(), name: document.fileName, document })));
    setReportIds(current.data.reports.map((r) => r.id));
  }, [current.data]);

  const uploads = useUploadQueue(async (key, onProgress) => {
    const file = files.current.get(key);
    if (!file) return;
    const document = await handInsApi.uploadDocument(place.campaignId, place.unitId, file.file ? { file: file.file, fileName: file.name } : { filePath: file.filePath }, onProgress, quiet);
    files.current.delete(key);
    setDocuments((list) => list.map((entry) => (entry.key === key ? { ...entry, document } : entry)));
  });

  const submit = useAction(keys.handIn(place), (body: HandInRequest) => handInsApi.submit(body, quiet), {
    populate: true,
    stale: ['hand-in-status'],
    fallback: '报送失败，请稍后重试',
    onSuccess: (handIn) => {
      started.current = true;
      setText(handIn.text);
      setDocuments(handIn.documents.map((document) => ({ key: nextKey(), name: document.fileName, document })));
      setReportIds(handIn.reports.map((r) => r.id));
    },
  });

  if (!complete) return <PageStatus failure='没有指定报送材料' />;
  const loading = together(status, current);
  if (!status.status || (mine && handedIn(mine.status) && current.data === undefined)) return <PageStatus failure={loading.failure} onRetry={loading.reload} />;
  if (!mine) return <PageStatus failure='本单位无需报送这一期材料' />;
  const { instance } = mine;
  const handIn = submit.result ?? current.data ?? undefined;
  const accepted = handIn?.state === 'accepted';
  const notOpen = now < Date.parse(instance.opensAt);
  const states = documents.map((d) => uploads.states[d.key]?.state);
  const uploading = states.some((s) => s === 'queued' || s === 'uploading');
  const failed = states.includes('failed');
  const room = HAND_IN_LIMITS.maxDocuments - documents.length;

  const add = (picked: PickedDocument[]) => {
    const taken = picked.slice(0, Math.max(room, 0));
    setProblem(picked.length > taken.length ? `一次最多报送 ${HAND_IN_LIMITS.maxDocuments} 个文档` : undefined);
    const entries = taken.map((file) => {
      const key = nextKey();
      files.current.set(key, file);
      return { key, name: file.name };
    });
    setDocuments((list) => [...list, ...entries]);
    uploads.enqueue(entries.map((e) => e.key));
  };
  const remove = (key: string) => {
    uploads.forget(key);
    files.current.delete(key);
    setDocuments((list) => list.filter((entry) => entry.key !== key));
  };
  const retry = (key: string) => {
    if (files.current.has(key)) uploads.enqueue([key]);
    else uploads.fail(key, '文件已不可用，请移除后重新选择');
  };
  const toggleReport = (report: Pick<ReportDto, 'id'>, on: boolean) => {
    if (on && reportIds.length >= HAND_IN_LIMITS.maxReports) {
      setProblem(`一次最多选择 ${HAND_IN_LIMITS.maxReports} 份活动报告`);
      return;
    }
    setReportIds((ids) => (on ? [...ids, report.id] : ids.filter((id) => id !== report.id)));
  };
  const send = () => {
    submit.reset();
    const documentIds = documents.flatMap((d) => (d.document ? [d.document.id] : []));
    if (!text.trim() && documentIds.length === 0 && reportIds.length === 0) {
      setProblem('请填写说明、上传文档或选择活动报告');
      return;
    }
    setProblem(undefined);
    void submit.run({ ...place, text: text.trim(), documentIds, reportIds: takesReports(instance.kind) ? reportIds : [] });
  };

  const why = notOpen
    ? `本期材料自 ${formatChinaInstant(instance.opensAt)} 起才能报送`
    : uploading
      ? '文档正在上传，上传完成后才能报送'
      : failed
        ? '有文档上传失败：请点「重试」或移除该文档'
        : undefined;
  const kind = DELIVERABLE_KIND_LABELS[instance.kind];

  return (
    <View className='page'>
      <Section title={instance.title}>
        {kind !== instance.title ? <Badge tone='muted'>{kind}</Badge> : null}
        <Text className='row__meta'>截止：{formatDueLong(instance.dueAt)}</Text>
        <View className='addition'>
          <Text className='row__meta'>本单位状态：</Text>
          <Text className={`unit-status unit-status--${statusTone(mine.status)}`}>{INSTANCE_STATUS_LABELS[mine.status]}</Text>
        </View>
      </Section>
      {handIn ? <Current handIn={handIn} /> : null}
      {accepted ? null : (
        <>
          <Section title='报送内容'>
            <TextArea label='说明' value={text} onChange={setText} placeholder='本期工作情况说明' maxLength={HAND_IN_LIMITS.maxTextLength} />
            <Text className='field__label'>文档</Text>
            <Documents entries={documents} stateOf={(key) => uploads.states[key]} room={room} onAdd={add} onRetry={retry} onRemove={remove} />
          </Section>
          {takesReports(instance.kind) ? <ReportChoice place={place} instance={instance} chosen={reportIds} onToggle={toggleReport} /> : null}
          {problem ? <Notice kind='error'>{problem}</Notice> : null}
          {submit.failure ? <Notice kind='error'>{submit.failure}</Notice> : null}
          {why ? <Notice>{why}</Notice> : null}
          {submit.result && !submit.busy ? (
            <>
              <Notice kind='success'>报送成功</Notice>
              <SubscribePrompt purpose='reminder' label='订阅截止提醒' />
            </>
          ) : null}
          <Button type='primary' block loading={submit.busy} disabled={submit.busy || uploading || failed || notOpen} onClick={send}>
            {handIn ? '重新报送' : '报送'}
          </Button>
        </>
      )}
    </View>
  );
}

