import Taro from '@tarojs/taro';

/** Asks before a change that cannot be undone (the confirm button in red); true when confirmed. */
export async function confirmDanger(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, confirmColor: '#c62828', cancelText: '取消' }).catch(() => ({ confirm: false }));
  return answer.confirm;
}

export const UNSAVED_QUESTION = { title: '修改尚未保存', confirmText: '放弃修改', cancelText: '继续编辑' };

/** Asks before leaving edits not yet saved, naming where they are; true when the person lets them go. */
export async function confirmDiscard(place: string): Promise<boolean> {
  const content = `“${place}”中有修改尚未保存，离开后将丢失这些修改。`;
  const answer = await Taro.showModal({ ...UNSAVED_QUESTION, content }).catch(() => ({ confirm: false }));
  return answer.confirm;
}
