/**
 * The 报活动 draft as the form edits it (text as typed), and what it becomes when sent: checked with
 * the shared report rules (`checkReportInput`), the same the API applies.
 */
import { answerProblem, checkReportInput, isAnswerOfKind, proposeContributions, type ActivityItemDto, type ReportDto, type ReportInput } from '@safemonth/shared';
import { chinaToIso, isoToChina } from '../../../utils/format';
import { answerFields, countFields, newIdempotencyKey, type ReportDraft } from '../../../utils/reports';

export function emptyDraft(): ReportDraft {
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
    evidenceLinks: [],
    proposedAnswers: {},
  };
}

/** A report to change and send again, as a draft. */
export function draftFromReport(report: ReportDto): ReportDraft {
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
    evidenceLinks: report.evidenceLinks,
    proposedAnswers: Object.fromEntries(report.proposedAnswers.map((p) => [p.fieldId, p.value])),
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
export function proposed(item: ActivityItemDto | undefined, headcount: string): Record<string, string> {
  if (!item) return {};
  const amounts = new Map(proposeContributions(item, Number(headcount) || 0).map((c) => [c.fieldId, c.amount]));
  return Object.fromEntries(countFields(item).map((field) => [field.id, amounts.has(field.id) ? String(amounts.get(field.id)) : '']));
}

/**
 * What the draft sends, or the problems (in Chinese) that keep it from going. An amount left empty
 * adds nothing; one of 0 is not sent either; nor is a proposed answer left unset or blank.
 */
export function inputOf(draft: ReportDraft, item: ActivityItemDto | undefined): { input?: ReportInput; problems: string[] } {
  const typed = countFields(item)
    .map((field) => ({ field, raw: (draft.contributions[field.id] ?? '').trim() }))
    .filter(({ raw }) => raw !== '');
  // A value of the field's other kind (proposed before its kind changed) shows as unset: not sent either.
  const proposals = answerFields(item)
    .map((field) => ({ field, value: draft.proposedAnswers?.[field.id] }))
    .filter((p): p is typeof p & { value: boolean | string } => isAnswerOfKind(p.field.kind, p.value) && (typeof p.value !== 'string' || p.value.trim() !== ''));
  const input: ReportInput = {
    itemId: draft.itemId,
    title: draft.title.trim(),
    // Incomplete dates are sent to the check as missing.
    startAt: chinaToIso(draft.startDate, draft.startTime) ?? '',
    endAt: chinaToIso(draft.endDate, draft.endTime) ?? '',
    place: draft.place.trim(),
    latitude: draft.latitude ?? null,
    longitude: draft.longitude ?? null,
    description: draft.description.trim(),
    headcount: draft.headcount.trim() === '' ? Number.NaN : Number(draft.headcount),
    mediaIds: draft.media.map((m) => m.mediaId).filter((id): id is string => Boolean(id)),
    contributions: typed.map(({ field, raw }) => ({ fieldId: field.id, amount: Number(raw) })),
    evidenceLinks: (draft.evidenceLinks ?? []).map((link) => link.trim()),
    proposedAnswers: proposals.map(({ field, value }) => ({ fieldId: field.id, value: typeof value === 'string' ? value.trim() : value })),
  };
  const problems = draft.unitId ? [] : ['请选择单位'];
  for (const problem of checkReportInput(input)) {
    // An amount's problem is told with the label of its field, a link's with its place.
    const index = /^contributions\.(\d+)\./.exec(problem.field ?? '')?.[1];
    const link = /^evidenceLinks\.(\d+)$/.exec(problem.field ?? '')?.[1];
    if (index !== undefined) problems.push(`${typed[Number(index)].field.label}：${problem.message}`);
    else if (link !== undefined) problems.push(`网址链接 ${Number(link) + 1}：${problem.message}`);
    else problems.push(problem.message);
  }
  for (const { field, value } of proposals) {
    const problem = answerProblem(field, value);
    if (problem) problems.push(`${field.label}：${problem}`);
  }
  if (problems.length > 0) return { problems };
  return { problems, input: { ...input, contributions: input.contributions.filter((c) => c.amount > 0) } };
}
