/**
 * The enterprise's notices of a pledge found untrue (告知承诺制, 国办发〔2020〕42号): the order to rectify with
 * its deadline, then — the deadline passed — the revocation of the licence and the credit record that follows.
 * Pure functions, like message-text.ts.
 */
import { chineseDate } from '../calendar/index.ts';
import type { MessageContent, ProjectRef } from './message.ts';
import { named } from './message-text.ts';

const sentence = (text: string | null) => text?.trim().replace(/[。.]\s*$/, '') ?? '';

/** The department found the pledged conditions unmet: what it found, and the day to rectify by. */
export function pledgeRectificationOrderedMessage(p: {
  project: ProjectRef;
  department: string;
  licence: string | null;
  findings: string | null;
  rectifyBy: string;
}): MessageContent {
  const licence = p.licence ? `（证照编号 ${p.licence}）` : '';
  const findings = p.findings ? `核查发现：${sentence(p.findings)}。` : '';
  return {
    code: 'pledge-rectification-ordered',
    params: { ...p },
    text:
      `${named(p.project)}：${p.department}对您以告知承诺方式取得的许可${licence}进行了核查，发现承诺的条件未满足。` +
      `${findings}请于${chineseDate(p.rectifyBy)}前完成整改并告知${p.department}；` +
      '逾期未整改的，许可将被撤销，并记入信用记录（虚假承诺）。',
  };
}

/** The rectification time ran out: the licence is revoked and the false pledge is on the credit register. */
export function pledgeLicenceRevokedMessage(p: {
  project: ProjectRef;
  licence: string | null;
  reason: string;
  revokedAt: string;
  ineligibleUntil: string | null;
}): MessageContent {
  const licence = p.licence ? `许可（证照编号 ${p.licence}）` : '许可';
  const until = p.ineligibleUntil
    ? `在${chineseDate(`${p.ineligibleUntil}T12:00:00+08:00`)}前不得再以告知承诺方式申请`
    : '不得再以告知承诺方式申请';
  return {
    code: 'pledge-licence-revoked',
    params: { ...p },
    text:
      `${named(p.project)}：整改期限已过，您以告知承诺方式取得的${licence}已于${chineseDate(p.revokedAt)}撤销。` +
      `理由：${sentence(p.reason)}。该虚假承诺已记入信用记录，${until}；信用修复后可恢复。`,
  };
}
