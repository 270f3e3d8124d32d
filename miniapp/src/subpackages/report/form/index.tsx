import { useCallback, useEffect, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  proposeContributions,
  type ActivityItemDto,
  type CampaignDto,
  type CreateReportRequest,
  type MeResponse,
  type ReportDto,
  type ReportInput,
} from '@safemonth/shared';
import { Button } from '../../../components/ui';
import { DateInput } from '../../../components/DateInput';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { OptionPicker } from '../../../components/OptionPicker';
import { Section } from '../../../components/Section';
import { TextArea } from '../../../components/TextArea';
import { campaignsApi, mediaApi, meApi, reportsApi } from '../../../api/endpoints';
import { NETWORK_ERROR, isApiError } from '../../../api/client';
import { requireSession } from '../../../session/guard';
import { messageOf } from '../../../utils/errors';
import { chinaToIso, isoToChina } from '../../../utils/format';
import { onReconnect } from '../../../utils/network';
import {
  countFields,
  dropFile,
  keepFile,
  loadDraft,
  newIdempotencyKey,
  removeDraft,
  reportingUnits,
  saveDraft,
  type DraftMedia,
  type ReportDraft,
} from '../../../utils/reports';
import { Routes, withQuery } from '../../../routes';
import { PageStatus } from '../../../components/PageStatus';

/** At most this many files upload at once. */
const PARALLEL_UPLOADS = 3;
export const OFFLINE_NOTICE = '网络不可用，草稿已保存：恢复网络后会自动重新提交，也可以点「重新提交」';

interface UploadState {
  state: 'queued' | 'uploading' | 'failed';
  /** Percent, or undefined when the platform reports none (h5). */
  progress?: number;
  error?: string;
}

function emptyDraft(): ReportDraft {
  return {
    idempotencyKey: newIdempotencyKey(),
    unitId: '',
    itemId: '',
    title: '',
    startDate: '',
    startTime: '',
    endDate: '',
    endTime: '',
    place: '',
    description: '',
    headcount: '',
    contributions: {},
    contributionsEdited: false,
    media: [],
  };
}

function draftFromReport(report: ReportDto): ReportDraft {
  const start = isoToChina(report.startAt);
  const end = isoToChina(report.endAt);
  return {
    ...emptyDraft(),
    unitId: report.unit.id,
    itemId: report.item.id,
    title: report.title,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    place: report.place,
    latitude: report.latitude ?? undefined,
    longitude: report.longitude ?? undefined,
    description: report.description,
    headcount: String(report.headcount),
    contributions: Object.fromEntries(report.contributions.map((c) => [c.fieldId, String(c.amount)])),
    contributionsEdited: true,
    media: report.media.map((m, index) => ({
      key: `m-${m.id}`,
      name: `${m.kind === 'video' ? '视频' : '照片'} ${index + 1}`,
      kind: m.kind,
      localPath: '',
      mediaId: m.id,
      warnings: m.warnings,
    })),
  };
}

/** The proposed amounts of an item's count fields for a headcount, as the inputs show them. */
function proposed(item: ActivityItemDto | undefined, headcount: string): Record<string, string> {
  if (!item) return {};
  const amounts = new Map(proposeContributions(item, Number(headcount) || 0).map((c) => [c.fieldId, c.amount]));
  return Object.fromEntries(countFields(item).map((field) => [field.id, amounts.has(field.id) ? String(amounts.get(field.id)) : '']));
}

let localKeys = 0;
const nextLocalKey = () => `f${Date.now().toString(36)}${(localKeys += 1)}`;

export default function ReportFormPage() {
  const router = useRouter();
  const campaignId = router.params.campaignId ?? '';
  const reportId = router.params.reportId || undefined;
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [me, setMe] = useState<MeResponse | null>(null);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [uploads, setUploads] = useState<Record<string, UploadState>>({});
  const [failure, setFailure] = useState<string>();
  const [errors, setErrors] = useState<string[]>([]);
  const [offline, setOffline] = useState(false);
  const [sending, setSending] = useState(false);
  /** Also as a ref: a reconnection and a tap may both ask to send before the page renders again. */
  const sendingRef = useRef(false);
  /** The draft just loaded was sent once and failed for want of a network: the page got here online, so it goes now. */
  const resendOnLoad = useRef(false);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string>();
  const draftRef = useRef<ReportDraft | null>(null);
  /** h5: the picked files, kept to retry an upload, and their previews (blob: URLs, never stored in the draft). */
  const files = useRef(new Map<string, Blob>());
  const previews = useRef(new Map<string, string>());
  const queue = useRef<string[]>([]);
  const active = useRef(0);
  const fileInput = useRef<HTMLInputElement | null>(null);

  draftRef.current = draft;

  const update = useCallback(
    (change: Partial<ReportDraft> | ((current: ReportDraft) => Partial<ReportDraft>)) => {
      setDraft((current) => {
        if (!current) return current;
        const next = { ...current, ...(typeof change === 'function' ? change(current) : change) };
        saveDraft(campaignId, next, reportId);
        return next;
      });
    },
    [campaignId, reportId],
  );

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      const [loaded, mine, report] = await Promise.all([
        campaignsApi.get(campaignId, { toast: false }),
        meApi.get({ toast: false }),
        reportId ? reportsApi.get(reportId, { toast: false }) : Promise.resolve(null),
      ]);
      setCampaign(loaded);
      setMe(mine);
      const stored = loadDraft(campaignId, reportId);
      const start = stored ?? (report ? draftFromReport(report) : emptyDraft());
      const units = reportingUnits(loaded, mine);
      if (!start.unitId && units.length === 1) start.unitId = units[0].id;
      // Files picked before a reload: those not uploaded are gone on h5, kept as temp paths on weapp.
      const restored: Record<string, UploadState> = {};
      for (const m of start.media) {
        if (!m.mediaId) restored[m.key] = { state: 'failed', error: '上传未完成' };
      }
      setUploads(restored);
      setOffline(Boolean(stored?.pendingResend));
      resendOnLoad.current = Boolean(stored?.pendingResend);
      setDraft(start);
      saveDraft(campaignId, start, reportId);
    } catch (error) {
      setFailure(messageOf(error, '加载失败，请稍后重试'));
    }
  }, [campaignId, reportId]);

  useDidShow(() => {
    if (!requireSession(withQuery(Routes.reportForm, { campaignId, reportId }))) return;
    if (!campaignId) {
      setFailure('没有指定活动');
      return;
    }
    if (!draftRef.current) void load();
  });

  // --- uploads ------------------------------------------------------------------------------

  const setUpload = (key: string, state: UploadState | undefined) =>
    setUploads((current) => {
      const next = { ...current };
      if (state) next[key] = state;
      else delete next[key];
      return next;
    });

  /** An upload that ends after its file was removed (or the draft cleared) changes nothing. */
  const stillInDraft = (key: string) => Boolean(draftRef.current?.media.some((m) => m.key === key));

  const uploadOne = async (key: string) => {
    const current = draftRef.current;
    const entry = current?.media.find((m) => m.key === key);
    if (!current || !entry) return;
    setUpload(key, { state: 'uploading', progress: process.env.TARO_ENV === 'h5' ? undefined : 0 });
    const blob = files.current.get(key);
    try {
      const media = await mediaApi.upload(
        campaignId,
        current.unitId,
        blob ? { file: blob, fileName: entry.name } : { filePath: entry.localPath },
        (percent) => setUpload(key, { state: 'uploading', progress: percent }),
        { toast: false },
      );
      if (!stillInDraft(key)) return;
      setUpload(key, undefined);
      update((d) => ({
        media: d.media.map((m) =>
          m.key === key ? { ...m, mediaId: media.id, kind: media.kind, warnings: media.warnings, alreadyUsedIn: media.alreadyUsedIn } : m,
        ),
      }));
    } catch (error) {
      if (stillInDraft(key)) setUpload(key, { state: 'failed', error: messageOf(error, '上传失败') });
    }
  };

  const pump = () => {
    while (active.current < PARALLEL_UPLOADS && queue.current.length > 0) {
      const key = queue.current.shift() as string;
      active.current += 1;
      void uploadOne(key).finally(() => {
        active.current -= 1;
        pump();
      });
    }
  };

  const enqueue = (keys: string[]) => {
    for (const key of keys) setUpload(key, { state: 'queued' });
    queue.current.push(...keys);
    pump();
  };

  const addEntries = (entries: DraftMedia[]) => {
    if (entries.length === 0) return;
    const current = draftRef.current;
    if (!current) return;
    const next = { ...current, media: [...current.media, ...entries] };
    draftRef.current = next;
    setDraft(next);
    saveDraft(campaignId, next, reportId);
    enqueue(entries.map((e) => e.key));
  };

  const pickFiles = async () => {
    if (!draftRef.current?.unitId) {
      setErrors(['请先选择单位']);
      return;
    }
    if (process.env.TARO_ENV === 'h5') {
      fileInput.current?.click();
      return;
    }
    try {
      const result = await Taro.chooseMedia({
        count: 9,
        mediaType: ['image', 'video'],
        sizeType: ['original'],
        sourceType: ['album', 'camera'],
      });
      addEntries(
        result.tempFiles.map((file, index) => {
          const key = nextLocalKey();
          return {
            key,
            name: file.tempFilePath.split('/').pop() ?? `文件 ${index + 1}`,
            kind: file.fileType === 'video' ? 'video' : 'photo',
            localPath: keepFile(file.tempFilePath, key),
          };
        }),
      );
    } catch {
      // Cancelled.
    }
  };

  const onFilesPicked = (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    const entries = picked.map((file): DraftMedia => {
      const key = nextLocalKey();
      files.current.set(key, file);
      if (typeof URL.createObjectURL === 'function' && file.type.startsWith('image/')) previews.current.set(key, URL.createObjectURL(file));
      return { key, name: file.name, kind: file.type.startsWith('video/') ? 'video' : 'photo', localPath: '' };
    });
    if (fileInput.current) fileInput.current.value = '';
    addEntries(entries);
  };

  const retry = (key: string) => {
    const entry = draftRef.current?.media.find((m) => m.key === key);
    if (process.env.TARO_ENV === 'h5' && !files.current.has(key)) {
      setUpload(key, { state: 'failed', error: '文件已不可用，请移除后重新选择' });
      return;
    }
    if (entry) enqueue([key]);
  };

  /** Lets go of what the phone or browser holds for a draft's file. */
  const release = (entry: DraftMedia) => {
    dropFile(entry.localPath);
    const preview = previews.current.get(entry.key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(entry.key);
    files.current.delete(entry.key);
  };

  useEffect(
    () => () => {
      for (const preview of previews.current.values()) URL.revokeObjectURL(preview);
    },
    [],
  );

  const removeMedia = (key: string) => {
    const entry = draftRef.current?.media.find((m) => m.key === key);
    if (entry) release(entry);
    queue.current = queue.current.filter((k) => k !== key);
    setUpload(key, undefined);
    update((d) => ({ media: d.media.filter((m) => m.key !== key) }));
  };

  // --- fields -------------------------------------------------------------------------------

  const item = campaign?.items.find((i) => i.id === draft?.itemId);

  const chooseUnit = (unitId: string) => {
    if (unitId === draftRef.current?.unitId) return;
    if (draftRef.current?.media.length) {
      setErrors(['照片和视频是为原单位上传的：请先移除它们，再更换单位']);
      return;
    }
    update({ unitId });
  };

  const chooseItem = (itemId: string) => {
    const chosen = campaign?.items.find((i) => i.id === itemId);
    update((d) => ({ itemId, contributions: proposed(chosen, d.headcount), contributionsEdited: false }));
  };

  const changeHeadcount = (headcount: string) => {
    update((d) => (d.contributionsEdited ? { headcount } : { headcount, contributions: proposed(item, headcount) }));
  };

  const changeContribution = (fieldId: string, value: string) => {
    update((d) => ({ contributions: { ...d.contributions, [fieldId]: value }, contributionsEdited: true }));
  };

  const locate = async () => {
    setLocating(true);
    setLocationError(undefined);
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'wgs84' });
      update({ latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 });
    } catch {
      setLocationError('无法获取位置：请允许使用位置信息后重试，或只填写地点');
    } finally {
      setLocating(false);
    }
  };

  // --- sending ------------------------------------------------------------------------------

  const uploadStates = (draft?.media ?? []).map((m) => uploads[m.key]?.state);
  const uploading = uploadStates.some((state) => state === 'queued' || state === 'uploading');
  const uploadFailed = uploadStates.includes('failed');

  const validate = (d: ReportDraft): { input?: ReportInput; problems: string[] } => {
    const problems: string[] = [];
    if (!d.unitId) problems.push('请选择单位');
    if (!d.itemId) problems.push('请选择活动项目');
    if (!d.title.trim()) problems.push('请填写活动名称');
    const startAt = chinaToIso(d.startDate, d.startTime);
    const endAt = chinaToIso(d.endDate, d.endTime);
    if (!startAt) problems.push('请选择开始日期和时间');
    if (!endAt) problems.push('请选择结束日期和时间');
    if (startAt && endAt && Date.parse(endAt) < Date.parse(startAt)) problems.push('结束时间不能早于开始时间');
    if (!d.place.trim()) problems.push('请填写地点');
    const headcount = Number(d.headcount);
    if (d.headcount.trim() === '' || !Number.isInteger(headcount) || headcount < 0) problems.push('参与人次应为不小于 0 的整数');
    const fields = countFields(item);
    const contributions = [];
    for (const field of fields) {
      const raw = (d.contributions[field.id] ?? '').trim();
      if (raw === '') continue;
      const amount = Number(raw);
      if (!Number.isInteger(amount) || amount < 0) {
        problems.push(`${field.label}应为不小于 0 的整数`);
        continue;
      }
      if (amount > 0) contributions.push({ fieldId: field.id, amount });
    }
    if (problems.length > 0 || !startAt || !endAt) return { problems };
    return {
      problems,
      input: {
        itemId: d.itemId,
        title: d.title.trim(),
        startAt,
        endAt,
        place: d.place.trim(),
        latitude: d.latitude ?? null,
        longitude: d.longitude ?? null,
        description: d.description.trim(),
        headcount,
        mediaIds: d.media.map((m) => m.mediaId).filter((value): value is string => Boolean(value)),
        contributions,
      },
    };
  };

  const submit = async () => {
    const d = draftRef.current;
    // Not with a file missing: a report would go without it (the button says why; a resend waits).
    if (!d || sendingRef.current || uploading || uploadFailed) return;
    const { input, problems } = validate(d);
    setErrors(problems);
    if (!input) return;
    sendingRef.current = true;
    setSending(true);
    setFailure(undefined);
    try {
      let report: ReportDto;
      if (reportId) {
        report = await reportsApi.update(reportId, input, { toast: false });
      } else {
        const body: CreateReportRequest = { ...input, idempotencyKey: d.idempotencyKey, campaignId, unitId: d.unitId };
        report = await reportsApi.create(body, { toast: false });
      }
      removeDraft(campaignId, reportId);
      d.media.forEach(release);
      setOffline(false);
      Taro.redirectTo({ url: withQuery(Routes.report, { id: report.id }) }).catch(() => undefined);
    } catch (error) {
      if (isApiError(error) && error.code === NETWORK_ERROR) {
        setOffline(true);
        update({ pendingResend: true });
      } else {
        setOffline(false);
        update({ pendingResend: false });
        const details = isApiError(error) ? error.details.map((detail) => detail.message) : [];
        setFailure([messageOf(error, '提交失败，请稍后重试'), ...details].join('；'));
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  // A send that failed for want of a network goes again by itself once the phone is back online
  // (a new report with the same idempotency key, so never a second one).
  useEffect(() => {
    if (!offline) return undefined;
    return onReconnect(() => void submitRef.current());
  }, [offline]);
  useEffect(() => {
    if (!draft || !resendOnLoad.current) return;
    resendOnLoad.current = false;
    void submitRef.current();
  }, [draft]);

  const clearDraft = () => {
    draftRef.current?.media.forEach(release);
    removeDraft(campaignId, reportId);
    queue.current = [];
    setUploads({});
    setOffline(false);
    setErrors([]);
    draftRef.current = null;
    void load();
  };

  // --- view ---------------------------------------------------------------------------------

  if (!campaign || !draft) return <PageStatus failure={failure} onRetry={campaignId ? load : undefined} />;

  const units = reportingUnits(campaign, me);
  const why = uploading ? '照片或视频正在上传，上传完成后才能提交' : uploadFailed ? '有文件上传失败：请点「重试」或移除该文件' : undefined;

  return (
    <View className='page report-form'>
      <Section title={reportId ? '修改活动报告' : '报活动'}>
        <Text className='muted'>{campaign.title}</Text>
        {/* A report stays with its unit: files are uploaded for it, and an edit cannot move it. */}
        {units.length > 1 && !reportId ? (
          <View className='field'>
            <Text className='field__label'>单位</Text>
            <OptionPicker
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              value={draft.unitId || undefined}
              onChange={chooseUnit}
              placeholder='请选择单位'
            />
          </View>
        ) : (
          <Text className='row__meta'>单位：{units.find((u) => u.id === draft.unitId)?.name ?? units[0]?.name ?? '无'}</Text>
        )}
        <View className='field'>
          <Text className='field__label'>活动项目</Text>
          <OptionPicker
            options={campaign.items.map((i) => ({ value: i.id, label: i.title }))}
            value={draft.itemId || undefined}
            onChange={chooseItem}
            placeholder='请选择活动项目'
          />
        </View>
        <Field label='活动名称' value={draft.title} onChange={(title) => update({ title })} maxLength={100} />
        <View className='field'>
          <Text className='field__label'>开始时间</Text>
          <DateInput mode='date' value={draft.startDate} onChange={(startDate) => update({ startDate })} placeholder='开始日期' />
          <DateInput mode='time' value={draft.startTime} onChange={(startTime) => update({ startTime })} placeholder='开始时间' />
        </View>
        <View className='field'>
          <Text className='field__label'>结束时间</Text>
          <DateInput mode='date' value={draft.endDate} onChange={(endDate) => update({ endDate })} placeholder='结束日期' />
          <DateInput mode='time' value={draft.endTime} onChange={(endTime) => update({ endTime })} placeholder='结束时间' />
        </View>
        <Field label='地点' value={draft.place} onChange={(place) => update({ place })} maxLength={200} />
        <View className='field'>
          {draft.latitude !== undefined && draft.longitude !== undefined ? (
            <View className='addition'>
              <Text className='row__meta'>
                位置：{draft.latitude.toFixed(5)}，{draft.longitude.toFixed(5)}
              </Text>
              <Text className='link link--danger' onClick={() => update({ latitude: undefined, longitude: undefined })}>
                移除位置
              </Text>
            </View>
          ) : (
            <Button size='small' loading={locating} disabled={locating} onClick={locate}>
              添加当前位置（可选）
            </Button>
          )}
          {locationError ? <Text className='field__error'>{locationError}</Text> : null}
        </View>
        <TextArea label='活动情况' value={draft.description} onChange={(description) => update({ description })} />
        <Field label='参与人次' type='number' value={draft.headcount} onChange={changeHeadcount} maxLength={7} />
      </Section>

      {item && countFields(item).length > 0 ? (
        <Section title='统计数据'>
          <Text className='muted'>通过后计入本单位「{item.title}」的统计，可修改</Text>
          {countFields(item).map((field) => (
            <Field
              key={field.id}
              label={`${field.label}${field.unit ? `（${field.unit}）` : ''}`}
              type='number'
              value={draft.contributions[field.id] ?? ''}
              onChange={(value) => changeContribution(field.id, value)}
              maxLength={7}
            />
          ))}
        </Section>
      ) : null}

      <Section title='照片和视频'>
        {process.env.TARO_ENV === 'h5' ? (
          <input
            ref={fileInput}
            type='file'
            multiple
            accept='image/*,video/mp4'
            aria-label='选择照片或视频'
            style={{ display: 'none' }}
            onChange={(event) => onFilesPicked(event.target.files)}
          />
        ) : null}
        <Button onClick={pickFiles}>拍照/选择</Button>
        {draft.media.map((m) => {
          const state = uploads[m.key];
          const preview = m.localPath || previews.current.get(m.key);
          return (
            <View className='upload' key={m.key}>
              <View className='upload__head'>
                {preview && m.kind === 'photo' ? <Image className='upload__thumb' src={preview} mode='aspectFill' /> : null}
                <Text className='upload__name'>{m.name}</Text>
                {state?.state === 'failed' ? (
                  <Button size='small' onClick={() => retry(m.key)}>
                    重试
                  </Button>
                ) : null}
                <Text className='link link--danger' onClick={() => removeMedia(m.key)}>
                  移除
                </Text>
              </View>
              {state?.state === 'queued' ? <Text className='muted'>等待上传</Text> : null}
              {state?.state === 'uploading' ? (
                <View className={`progress${state.progress === undefined ? ' progress--indeterminate' : ''}`}>
                  <View className='progress__bar' style={state.progress === undefined ? undefined : { width: `${state.progress}%` }} />
                </View>
              ) : null}
              {state?.state === 'failed' ? <Text className='field__error'>上传失败：{state.error}</Text> : null}
              {!state && m.mediaId ? <Text className='muted'>已上传</Text> : null}
              {(m.warnings ?? []).map((warning) => (
                <Notice key={warning}>{warning}</Notice>
              ))}
              {(m.alreadyUsedIn ?? []).map((used) => (
                <Notice key={used.reportId}>此文件已在「{used.unitName}」的另一份报告中使用</Notice>
              ))}
            </View>
          );
        })}
      </Section>

      {errors.length > 0 ? <Notice kind='error'>{errors.join('；')}</Notice> : null}
      {failure ? <Notice kind='error'>{failure}</Notice> : null}
      {offline ? <Notice kind='error'>{OFFLINE_NOTICE}</Notice> : null}
      {why ? <Notice>{why}</Notice> : null}
      <View className='actions'>
        <Button type='primary' block loading={sending} disabled={sending || uploading || uploadFailed} onClick={submit}>
          {offline ? '重新提交' : reportId ? '提交修改' : '提交'}
        </Button>
        <Button size='small' disabled={sending} onClick={clearDraft}>
          {reportId ? '放弃修改' : '清空草稿'}
        </Button>
      </View>
    </View>
  );
}
