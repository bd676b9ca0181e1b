/**
 * The pledge texts (告知承诺书) applicants sign, by id. A workflow version names the text in force
 * (`pledge.textId`); the applicant's form carries the text's SHA-256, so the case keeps what was signed.
 * A changed text is a new id, never an edit: cases filed on the old one keep its hash.
 */
import { createHash } from 'node:crypto';

const TEXTS: Readonly<Record<string, string>> = {
  'construction-permit-2026-1': [
    '建筑工程施工许可告知承诺书',
    '本单位已知悉办理建筑工程施工许可证的全部条件、标准和要求，以及作出虚假承诺的法律后果，现郑重承诺：',
    '一、本单位所提交的材料真实、合法、有效，已具备法律法规规定的施工许可条件；',
    '二、本单位愿意接受审批部门在作出审批决定后，以书面核查、网络核查、实地核查或者告知核查的方式进行核查；',
    '三、经核查与承诺不符的，本单位将在审批部门规定的期限内整改；逾期未整改或者整改后仍不符合条件的，同意审批部门撤销施工许可，并依法承担相应责任；',
    '四、作出虚假承诺的，同意将虚假承诺行为记入信用记录，并在规定期限内不再适用告知承诺制。',
    '依据：《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）。',
  ].join('\n'),
};

/** A pledge text with the SHA-256 (hex, of its UTF-8 bytes) an applicant's form must name. */
export interface PledgeText {
  id: string;
  text: string;
  sha256: string;
}

/** The text of that id, or null. */
export function pledgeText(id: string): PledgeText | null {
  const text = Object.hasOwn(TEXTS, id) ? TEXTS[id]! : null;
  if (text === null) return null;
  return { id, text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
