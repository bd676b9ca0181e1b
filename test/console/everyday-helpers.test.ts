import { expect } from 'chai';
import {
  dropAllLocalDrafts,
  dropLocalDraft,
  keepLocalDraft,
  localDraftKey,
  readLocalDraft,
  type KeyValueStore,
} from '../../src/console/lib/local-draft.ts';
import { isUsccField, normaliseUscc, usccCheckMismatch } from '../../src/console/lib/uscc-check.ts';

/** An in-memory Storage, as the browser's localStorage behaves. */
function memoryStore(): KeyValueStore & { keys(): string[] } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
    keys: () => [...map.keys()],
  };
}

describe('console local drafts', () => {
  it('should keep unsaved input per person and case, and give it back', () => {
    const store = memoryStore();
    const mine = localDraftKey('ent-1', { caseId: 'c-1' });
    keepLocalDraft(store, mine, { project: { name: '厂房' }, form: {} });
    expect(readLocalDraft(store, mine)).to.deep.equal({ project: { name: '厂房' }, form: {} });
    expect(readLocalDraft(store, localDraftKey('ent-2', { caseId: 'c-1' }))).to.equal(null);
    expect(localDraftKey('ent-1', { workflow: 'construction-permit' })).to.not.equal(mine);
    dropLocalDraft(store, mine);
    expect(readLocalDraft(store, mine)).to.equal(null);
  });

  it('should drop every kept draft on sign-out and nothing else', () => {
    const store = memoryStore();
    keepLocalDraft(store, localDraftKey('a', { caseId: '1' }), { project: {}, form: {} });
    keepLocalDraft(store, localDraftKey('b', { workflow: 'w' }), { project: {}, form: {} });
    store.setItem('zerotrip.lang', 'zh-CN');
    dropAllLocalDrafts(store);
    expect(store.keys()).to.deep.equal(['zerotrip.lang']);
  });

  it('should read an unreadable entry as none', () => {
    const store = memoryStore();
    store.setItem('zerotrip.draft.x', '{not json');
    expect(readLocalDraft(store, 'zerotrip.draft.x')).to.equal(null);
  });
});

describe('console USCC check', () => {
  // 91310115591693856A is the example enterprise's code (its check character computes).
  it('should upper-case a code and accept one whose check character computes', () => {
    expect(normaliseUscc(' 91310115591693856a ')).to.equal('91310115591693856A');
    expect(usccCheckMismatch('91310115591693856a')).to.equal(null);
  });

  it('should say which check character a well-formed code should end with', () => {
    expect(usccCheckMismatch('91310115591693856B')).to.deep.equal({ expected: 'A', actual: 'B' });
  });

  it('should leave codes that are not yet 18 characters to the service', () => {
    expect(usccCheckMismatch('9131011559')).to.equal(null);
  });

  it('should know a USCC field by its format or its name', () => {
    expect(isUsccField('applicant', 'uscc')).to.equal(true);
    expect(isUsccField('uscc', undefined)).to.equal(true);
    expect(isUsccField('name', undefined)).to.equal(false);
  });
});
