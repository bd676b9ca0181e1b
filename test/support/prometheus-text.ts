/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written for the tests because no parser is
 * installed (prom-client only writes the format). It follows the format's specification line by line: HELP and
 * TYPE comments, samples `name{label="value",…} value [timestamp]` with the escapes of the format, families
 * kept together, one TYPE per family before its samples, no duplicate series, and histograms with cumulative
 * buckets ending in `le="+Inf"` equal to `_count`. Anything else throws, with the line number.
 */

/** One sample line. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

/** A metric family: the HELP and TYPE of a name and the samples that belong to it. */
export interface MetricFamily {
  name: string;
  help?: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, readonly string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

/** Parses an exposition; throws on the first line that breaks the format. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const closed = new Set<string>();
  const seen = new Set<string>();
  const typed = new Set<string>();
  let current: MetricFamily | undefined;
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('the exposition must end with a line feed');

  const familyOf = (name: string, lineNo: number): MetricFamily => {
    if (current && belongsTo(current, name)) return current;
    if (current) closed.add(current.name);
    const known = [...families.values()].find((f) => belongsTo(f, name));
    if (known && closed.has(known.name)) fail(lineNo, `samples of ${known.name} are not kept together`);
    current = known ?? { name, type: 'untyped', samples: [] };
    families.set(current.name, current);
    return current;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (/^[ \t]*$/.test(line)) return;
    if (line.startsWith('#')) {
      const match = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
      if (!match) return; // an ordinary comment
      const [, keyword, name, rest = ''] = match;
      if (!METRIC_NAME.test(name!) || METRIC_NAME.exec(name!)![0] !== name) fail(lineNo, `bad name ${name}`);
      const family = families.get(name!) ?? { name: name!, type: 'untyped' as const, samples: [] };
      if (closed.has(name!)) fail(lineNo, `${keyword} for ${name} after its family ended`);
      if (current && current !== family) closed.add(current.name);
      current = family;
      families.set(name!, family);
      if (keyword === 'HELP') {
        if (family.help !== undefined) fail(lineNo, `second HELP for ${name}`);
        family.help = unescape(rest, false, lineNo);
      } else {
        if (!TYPES.has(rest)) fail(lineNo, `unknown type ${rest}`);
        if (family.samples.length) fail(lineNo, `TYPE for ${name} after its samples`);
        if (typed.has(name!)) fail(lineNo, `second TYPE for ${name}`);
        typed.add(name!);
        family.type = rest as MetricFamily['type'];
      }
      return;
    }
    const sample = parseSample(line, lineNo);
    const family = familyOf(sample.name, lineNo);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seen.has(key)) fail(lineNo, `duplicate series ${key}`);
    seen.add(key);
    family.samples.push(sample);
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of the one sample with this name and exactly these labels, or undefined. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted) return s.value;
    }
  }
  return undefined;
}

function belongsTo(family: MetricFamily, name: string): boolean {
  if (name === family.name) return true;
  return (SUFFIXES[family.type] ?? []).some((suffix) => name === family.name + suffix);
}

function parseSample(line: string, lineNo: number): Sample {
  let rest = line;
  const name = METRIC_NAME.exec(rest)?.[0];
  if (!name) fail(lineNo, 'a sample must start with a metric name');
  rest = rest.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label) fail(lineNo, `bad label name at "${rest}"`);
      if (label.startsWith('__')) fail(lineNo, `reserved label name ${label}`);
      if (label in labels) fail(lineNo, `label ${label} given twice`);
      rest = rest.slice(label.length);
      if (!rest.startsWith('="')) fail(lineNo, `label ${label} needs ="value"`);
      rest = rest.slice(2);
      let raw = '';
      for (;;) {
        if (rest === '') fail(lineNo, `unterminated value of ${label}`);
        if (rest[0] === '"') break;
        raw += rest[0] === '\\' ? rest.slice(0, 2) : rest[0];
        rest = rest.slice(rest[0] === '\\' ? 2 : 1);
      }
      labels[label] = unescape(raw, true, lineNo);
      rest = rest.slice(1);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) fail(lineNo, `expected , or } after the value of ${label}`);
    }
    rest = rest.slice(1);
  }
  const fields = rest.split(/[ \t]+/);
  if (fields[0] !== '' || fields.length < 2 || fields.length > 3) fail(lineNo, `bad sample line "${line}"`);
  const value = parseValue(fields[1]!, lineNo);
  const sample: Sample = { name, labels, value };
  if (fields[2] !== undefined) {
    if (!/^-?\d+$/.test(fields[2])) fail(lineNo, `bad timestamp ${fields[2]}`);
    sample.timestamp = Number(fields[2]);
  }
  return sample;
}

/** A float as Go's `strconv.ParseFloat` reads it (the format's definition): NaN and Inf in any letter case. */
function parseValue(text: string, lineNo: number): number {
  if (/^nan$/i.test(text)) return NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) fail(lineNo, `bad value ${text}`);
  return Number(text);
}

/** Label values escape backslash, double quote and line feed; HELP text only backslash and line feed. */
function unescape(raw: string, quotes: boolean, lineNo: number): string {
  return raw.replace(/\\(.?)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (c === '"' && quotes) return '"';
    if (!quotes) return `\\${c}`; // HELP keeps other backslashes as written
    return fail(lineNo, `bad escape \\${c}`);
  });
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
  const keyOf = (labels: Record<string, string>) =>
    JSON.stringify(
      Object.entries(labels)
        .filter(([k]) => k !== 'le')
        .sort(),
    );
  for (const s of family.samples) {
    const entry = series.get(keyOf(s.labels)) ?? { buckets: [] };
    series.set(keyOf(s.labels), entry);
    if (s.name.endsWith('_bucket')) {
      if (s.labels.le === undefined) throw new Error(`${s.name} without le`);
      entry.buckets.push([parseValue(s.labels.le, 0), s.value]);
    } else if (s.name.endsWith('_count')) entry.count = s.value;
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets[buckets.length - 1];
    if (!last || last[0] !== Infinity) throw new Error(`${family.name}${key} has no le="+Inf" bucket`);
    if (last[1] !== count) throw new Error(`${family.name}${key}: +Inf bucket ${last[1]} ≠ _count ${count}`);
    buckets.forEach(([le, n], i) => {
      if (i > 0 && (le <= buckets[i - 1]![0] || n < buckets[i - 1]![1])) {
        throw new Error(`${family.name}${key}: buckets are not cumulative and in order`);
      }
    });
  }
}

function fail(lineNo: number, message: string): never {
  throw new Error(`exposition line ${lineNo}: ${message}`);
}
