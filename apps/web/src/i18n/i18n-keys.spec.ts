import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Every language must have exactly the keys English has. Plural keys (`key_one`, `key_other`, ...)
// count as one key `key`, and each language must have the plural forms its grammar uses
// (Intl.PluralRules: English one/other, Russian one/few/many/other, Chinese and Vietnamese other).

const dir = dirname(fileURLToPath(import.meta.url));
const LANGS = ['en', 'ru', 'zh', 'vi'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const AREAS = join(dir, 'areas');
const areas = () =>
  existsSync(AREAS)
    ? readdirSync(AREAS, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Tree;
/** A language's shell strings plus every area's, each area under its own key (as registerArea adds them). */
const load = (lang: string) => {
  const tree: Tree = read(join(dir, `${lang}.json`));
  for (const area of areas()) {
    if (area in tree) throw new Error(`area ${area} clashes with a top-level key of ${lang}.json`);
    tree[area] = read(join(AREAS, area, `${lang}.json`));
  }
  return flatten(tree);
};
const base = (key: string) => key.replace(PLURAL, '');
const bases = (keys: Iterable<string>) => new Set([...keys].map(base));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const en = load('en');

  it('has a file for exactly en, ru, zh and vi', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(LANGS.map((l) => `${l}.json`).sort());
    for (const area of areas()) {
      expect({
        area,
        files: readdirSync(join(AREAS, area))
          .filter((f) => f.endsWith('.json'))
          .sort(),
      }).toEqual({ area, files: LANGS.map((l) => `${l}.json`).sort() });
    }
  });

  for (const lang of LANGS) {
    describe(lang, () => {
      const messages = load(lang);

      it('has no missing and no extra keys', () => {
        const want = bases(en.keys());
        const have = bases(messages.keys());
        expect([...want].filter((k) => !have.has(k))).toEqual([]);
        expect([...have].filter((k) => !want.has(k))).toEqual([]);
      });

      it('has every plural form its language needs, and no other', () => {
        const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
        const plurals = new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(base));
        for (const key of plurals) {
          const got = [...messages.keys()]
            .filter((k) => PLURAL.test(k) && base(k) === key)
            .map((k) => k.match(PLURAL)![1])
            .sort();
          expect({ key, forms: got }).toEqual({ key, forms });
        }
      });

      it('has no empty message and keeps the English placeholders', () => {
        for (const [key, value] of messages) {
          expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
          const english = en.get(key) ?? en.get(`${base(key)}_other`);
          if (english) expect({ key, vars: placeholders(value) }).toEqual({ key, vars: placeholders(english) });
        }
      });
    });
  }
});
