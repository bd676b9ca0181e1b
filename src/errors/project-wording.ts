/**
 * Problem and field codes of projects (part of the registries in problem-wording.ts and field-wording.ts), with
 * their English and Chinese sentences.
 */
import type { Sentence, WordParams } from './wording-types.ts';

const s = (value: WordParams[string]) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/** Problem codes (a refusal's `code`). */
export const PROJECT_PROBLEMS = {
  'project-not-visible': {
    en: (p) => `no project ${s(p.code)} that you can see`,
    zh: (p) => `没有您可以查看的项目 ${s(p.code)}`,
  },
  'bad-project-code': {
    en: (p) => `${s(p.code)} is not an investment project code`,
    zh: (p) => `${s(p.code)} 不是有效的投资项目代码`,
  },
} satisfies Record<string, Sentence>;

/** Field codes: the check rules of an investment project code (src/projects/project-code.ts). */
export const PROJECT_FIELDS = {
  'project-code-year': {
    en: () => 'must begin with a year from 2014 to 2099',
    zh: () => '项目代码的年份须在 2014 年至 2099 年之间',
  },
  'project-code-region': {
    en: () => 'must carry a region code of a province (GB/T 2260) in its second group',
    zh: () => '项目代码第二段须为有效的省级行政区划代码（GB/T 2260）',
  },
  'project-code-part': {
    en: () => 'must not have 00 as its department or project type code',
    zh: () => '项目代码的部门代码和项目类型代码不能为 00',
  },
  'project-code-unverified': {
    en: () => 'ends in a GB/T 40058 check character not verified here; check it against the filing',
    zh: () => '项目代码末位为 GB/T 40058 校验码，本平台无法核验，请与备案或核准文件核对',
  },
} satisfies Record<string, Sentence>;
