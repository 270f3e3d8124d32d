/**
 * What the handlers' console makes of the hazard contract: which workflow buttons a case shows, the
 * reward's amount as typed, and the settings form as edited and as sent.
 */
import {
  canTransition,
  HAZARD_LIMITS,
  HAZARD_OUTCOMES,
  type HazardOutcome,
  type HazardSettingsDto,
  type HazardStatus,
  type UpdateHazardSettingsRequest,
} from '@safemonth/shared';

/** The steps a handler takes, in the order their buttons stand (the unit reports its rectification itself). */
export const HANDLER_ACTIONS = ['startVerification', 'verify', 'reject', 'assign', 'close', 'reopen'] as const;
export type HandlerAction = (typeof HANDLER_ACTIONS)[number];

export const HANDLER_ACTION_LABELS: Record<HandlerAction, string> = {
  startVerification: '开始核查',
  verify: '属实',
  reject: '不属实',
  assign: '交办整改',
  close: '销号',
  reopen: '重新整改',
};

/** A step's button as a case in `status` shows it: assigning a case under rectification gives it to another unit. */
export const actionLabel = (action: HandlerAction, status: HazardStatus): string =>
  action === 'assign' && status === 'rectifying' ? '改派整改单位' : HANDLER_ACTION_LABELS[action];

/** The buttons a case in `status` shows: those the shared transitions allow from it. */
export const handlerActions = (status: HazardStatus): HandlerAction[] => HANDLER_ACTIONS.filter((action) => canTransition(action, status));

/** A status's badge colour: closed green, unfounded grey, the rest (still to do) red. */
export const statusTone = (status: HazardStatus) => (status === 'closed' ? 'success' : status === 'unfounded' ? 'muted' : 'primary');


/** A reward's amount as typed: yuan with at most two decimals, above 0 and at most the limit; or why not. */
export function rewardAmount(text: string): { amountYuan: number } | { problem: string } {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return { problem: '请填写奖励金额（元），最多两位小数' };
  const amountYuan = Number(trimmed);
  if (amountYuan <= 0 || amountYuan > HAZARD_LIMITS.maxRewardYuan) return { problem: `奖励金额应在 0.01 到 ${HAZARD_LIMITS.maxRewardYuan} 元之间` };
  return { amountYuan };
}

/** The settings form: the handlers with their names (to show), '' for no zeroing date. */
export type SettingsDraft = Omit<HazardSettingsDto, 'zeroingDate'> & { zeroingDate: string };

export const settingsDraftOf = (settings: HazardSettingsDto): SettingsDraft => ({ ...settings, zeroingDate: settings.zeroingDate ?? '' });

export function settingsRequest(draft: SettingsDraft): UpdateHazardSettingsRequest {
  return {
    allowAnonymous: draft.allowAnonymous,
    allowPublic: draft.allowPublic,
    categories: draft.categories,
    zeroingDate: draft.zeroingDate || null,
    fields: Object.fromEntries(HAZARD_OUTCOMES.map((outcome) => [outcome, draft.fields[outcome] ?? null])) as Record<HazardOutcome, string | null>,
    handlerIds: draft.handlers.map((handler) => handler.personId),
  };
}

/** Why a category cannot be added to `categories`, or undefined when it can. */
export function categoryProblem(name: string, categories: string[]): string | undefined {
  if (!name) return '请填写类别名称';
  if (name.length > HAZARD_LIMITS.categoryLength) return `类别名称最多 ${HAZARD_LIMITS.categoryLength} 个字`;
  if (categories.includes(name)) return `已有类别「${name}」`;
  if (categories.length >= HAZARD_LIMITS.categories) return `最多 ${HAZARD_LIMITS.categories} 个类别`;
  return undefined;
}

/** What keeps the form from being saved, or undefined. */
export const settingsProblem = (draft: SettingsDraft): string | undefined => (draft.categories.length === 0 ? '请至少保留一个隐患类别' : undefined);
