/**
 * Every visible string of the console goes through `t`: Chinese (zh-CN) by default, English on request.
 * The choice is kept in localStorage (it is not personal data); the page's `lang` follows it.
 */
import { createStore, useStore } from '../lib/store.ts';
import { en } from './en.ts';
import { zh, type MessageKey } from './zh.ts';

export type { MessageKey };
export type Lang = 'zh-CN' | 'en';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };
const KEY = 'zerotrip.lang';

function initial(): Lang {
  try {
    return window.localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const lang = createStore<Lang>(initial());
document.documentElement.lang = lang.get();

export function setLang(next: Lang): void {
  try {
    window.localStorage.setItem(KEY, next);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
  document.documentElement.lang = next;
  lang.set(next);
}

export function useLang(): Lang {
  return useStore(lang);
}

type Params = Record<string, string | number>;

const fill = (text: string, params?: Params) =>
  params ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(params[name] ?? all)) : text;

/** The message `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Params): string {
  return fill(dictionaries[lang.get()][key], params);
}

/** A message whose key is built from data (a status, a department code); `fallback` when there is none. */
export function tOr(key: string, fallback: string, params?: Params): string {
  const text = (dictionaries[lang.get()] as Record<string, string>)[key];
  return text === undefined ? fallback : fill(text, params);
}

export const tStatus = (status: string) => tOr(`status.${status}`, status);
export const tDept = (code: string) => tOr(`dept.${code}`, code);
export const tEvent = (type: string) => tOr(`event.${type}`, type);
export const tRole = (role: string) => tOr(`role.${role}`, role);
export const tWorkflow = (id: string) => tOr(`workflow.${id}`, id);

const SHANGHAI = 'Asia/Shanghai';

/** A date as people in Shanghai read it (the service's calendar), in the current language. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang.get(), { timeZone: SHANGHAI, dateStyle: 'medium' }).format(
    new Date(iso),
  );
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang.get(), {
    timeZone: SHANGHAI,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function fmtMoney(yuan: number): string {
  return new Intl.NumberFormat(lang.get(), { style: 'currency', currency: 'CNY' }).format(yuan);
}

export function fmtNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(lang.get(), { maximumFractionDigits: digits }).format(value);
}

export function fmtPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(lang.get(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/**
 * A name the service gives in English with the Chinese in brackets ("Fire-protection acceptance (消防验收)"):
 * the Chinese part in Chinese, the whole name in English.
 */
export function localName(name: string): string {
  if (lang.get() !== 'zh-CN') return name;
  const chinese = name.match(/[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]/);
  return chinese ? chinese[1]! : name;
}
