/** The languages a refusal is worded in: English is the API's default, Chinese the console's. */
export type Lang = 'en' | 'zh-CN';

/** What a code's sentence is filled with: numbers, identifiers, dates, and lists of them. Never prose. */
export type WordParams = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * How identifiers are named in a sentence: a department code as the department's name, an event type as the
 * act. The console passes its dictionaries; the API passes what it knows; an identifier names itself by default.
 */
export interface Names {
  dept?(code: string): string;
  event?(type: string): string;
  status?(status: string): string;
  workflow?(id: string): string;
  role?(role: string): string;
}

/** One code's sentence in each language, from its params. */
export interface Sentence<P = WordParams> {
  en(params: P, names: Required<Names>): string;
  zh(params: P, names: Required<Names>): string;
}

/** A code and its params: what a refusal or a field error says, before it is put into words. */
export interface Wording {
  code: string;
  params?: WordParams;
}
