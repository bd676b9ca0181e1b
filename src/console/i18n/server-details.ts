/**
 * The service words its field errors in English (`errors[].detail`). In Chinese the common ones are said in
 * Chinese; anything else is shown as the service wrote it.
 */
import { lang } from './index.ts';

const NOUNS: Record<string, string> = { 'a number': '数字', 'a whole number': '整数', 'an integer': '整数' };

const RULES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^is required$/, () => '必填'],
  [/^is required and (.*)$/, (m) => `必填（${m[1]}）`],
  [
    /^must be (a number|a whole number|an integer) greater than or equal to (\S+)$/,
    (m) => `必须是不小于 ${m[2]} 的${NOUNS[m[1]!]}`,
  ],
  [
    /^must be (a number|a whole number|an integer) greater than (\S+)$/,
    (m) => `必须是大于 ${m[2]} 的${NOUNS[m[1]!]}`,
  ],
  [
    /^must be (a number|a whole number|an integer) less than or equal to (\S+)$/,
    (m) => `必须是不大于 ${m[2]} 的${NOUNS[m[1]!]}`,
  ],
  [
    /^must be (a number|a whole number|an integer) less than (\S+)$/,
    (m) => `必须是小于 ${m[2]} 的${NOUNS[m[1]!]}`,
  ],
  [/^must be a number$/, () => '必须是数字'],
  [/^must be a whole number$/, () => '必须是整数'],
  [/^must have at most (\d+) decimal places?$/, (m) => `最多保留 ${m[1]} 位小数`],
  [/^must be one of: (.*)$/, (m) => `必须是以下之一：${m[1]}`],
  [/^must be at most (\d+) characters long$/, (m) => `最多 ${m[1]} 个字符`],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be a date in the form YYYY-MM-DD$/, () => '必须是 YYYY-MM-DD 格式的日期'],
  [
    /^must be an 18-character unified social credit code/,
    () => '必须是 18 位统一社会信用代码（数字和除 I、O、S、V、Z 外的大写字母）',
  ],
  [/^is not a known field/, () => '不是本表的栏目，请删除或检查拼写'],
  [/^must be 1 to (\d+) characters and not blank$/, (m) => `须为 1 至 ${m[1]} 个字符，不能全为空白`],
];

/** `detail` in the current language, where the console knows how to say it. */
export function localDetail(detail: string): string {
  if (lang.get() !== 'zh-CN') return detail;
  for (const [pattern, say] of RULES) {
    const m = detail.match(pattern);
    if (m) return say(m);
  }
  return detail;
}
