import { describe, expect, it } from '@jest/globals';
import { extractVariables, renderTemplate, SCRIPT_VARIABLE_NAMES, SCRIPT_VARIABLES, validateTemplate } from './index.js';

describe('SCRIPT_VARIABLES', () => {
  it('lists the canonical variables with descriptions', () => {
    expect(SCRIPT_VARIABLE_NAMES).toEqual([
      'lead.name',
      'lead.firstName',
      'lead.persona',
      'lead.tier',
      'rep.name',
      'rep.firstName',
      'squad.name',
      'cohort.name',
      'cohort.startDate',
      'day',
      'product.name',
      'deadline',
    ]);
    expect(SCRIPT_VARIABLES.map((v) => v.name)).toEqual(SCRIPT_VARIABLE_NAMES);
    for (const v of SCRIPT_VARIABLES) expect(v.description.length).toBeGreaterThan(5);
  });
  it('every canonical name is valid syntax and validates cleanly', () => {
    const template = SCRIPT_VARIABLE_NAMES.map((n) => `{{${n}}}`).join(' ');
    expect(validateTemplate(template, SCRIPT_VARIABLE_NAMES)).toEqual({ unknown: [], malformed: [] });
  });
});

describe('extractVariables', () => {
  it('returns unique names in first-seen order, whitespace inside braces allowed', () => {
    expect(extractVariables('Hi {{lead.firstName}}, I am {{ rep.name }} from {{squad.name}}. {{lead.firstName}}, day {{day}}: {{  lead.firstName  }}')).toEqual(
      ['lead.firstName', 'rep.name', 'squad.name', 'day'],
    );
  });
  it('ignores malformed placeholders and plain text', () => {
    expect(extractVariables('No variables here { single } braces')).toEqual([]);
    expect(extractVariables('{{}} {{ lead name }} {{1st}} {{ok_name}} {{lead.}} {{.x}} {{a..b}}')).toEqual(['ok_name']);
    expect(extractVariables('{{\n  cohort.name\n}}')).toEqual(['cohort.name']);
    expect(extractVariables('')).toEqual([]);
  });
});

describe('validateTemplate', () => {
  const allowed = SCRIPT_VARIABLE_NAMES;
  it('accepts a clean template', () => {
    expect(validateTemplate('Hi {{ lead.firstName }}, the {{product.name}} offer ends {{deadline}}.', allowed)).toEqual({ unknown: [], malformed: [] });
  });
  it('reports unknown names once, in order', () => {
    expect(validateTemplate('{{lead.email}} {{lead.name}} {{coupon}} {{lead.email}}', allowed)).toEqual({ unknown: ['lead.email', 'coupon'], malformed: [] });
  });
  it('reports empty and badly named placeholders as written', () => {
    expect(validateTemplate('a {{}} b {{ }} c {{ lead name }} d {{1st}} e {{lead.}} f {{lead-name}} g {{}}', allowed)).toEqual({
      unknown: [],
      malformed: ['{{}}', '{{ }}', '{{ lead name }}', '{{1st}}', '{{lead.}}', '{{lead-name}}'],
    });
  });
  it('reports an unclosed {{ with the rest of its line', () => {
    expect(validateTemplate('Hi {{lead.firstName, see you on day {{day}}\nBye', allowed)).toEqual({
      unknown: [],
      malformed: ['{{lead.firstName, see you on day'],
    });
    expect(validateTemplate('Hi {{lead.firstName', allowed)).toEqual({ unknown: [], malformed: ['{{lead.firstName'] });
    expect(validateTemplate('{{ this placeholder never closes and goes on and on', allowed).malformed).toEqual(['{{ this placeholder never closes and goe…']);
    expect(validateTemplate('x {{{{ y', allowed).malformed).toEqual(['{{{{ y']);
  });
  it('reports a stray }} with the start of its line', () => {
    expect(validateTemplate('Line one\nHi lead.name}} there {{rep.name}}', allowed)).toEqual({ unknown: [], malformed: ['Hi lead.name}}'] });
    expect(validateTemplate('}}', allowed).malformed).toEqual(['}}']);
  });
  it('reports unknown and malformed together', () => {
    expect(validateTemplate('{{foo}} {{ bar baz }} {{lead.name}} }}', allowed)).toEqual({ unknown: ['foo'], malformed: ['{{ bar baz }}', '}}'] });
  });
  it('treats single braces as plain text', () => {
    expect(validateTemplate('{json: 1} {{{lead.name}}}', allowed)).toEqual({ unknown: [], malformed: [] });
  });
});

describe('renderTemplate', () => {
  it('substitutes values, whitespace inside braces allowed, numbers stringified', () => {
    expect(
      renderTemplate('Hi {{ lead.firstName }}! {{rep.name}} here from {{squad.name}}. Day {{day}} of {{cohort.name}}.', {
        'lead.firstName': 'Mei',
        'rep.name': 'Li Na',
        'squad.name': 'Squad 7',
        day: 3,
        'cohort.name': 'Spring Camp',
      }),
    ).toEqual({ text: 'Hi Mei! Li Na here from Squad 7. Day 3 of Spring Camp.', missing: [] });
  });
  it('leaves placeholders with no value exactly as written and lists them once', () => {
    expect(renderTemplate('Hi {{ lead.firstName }}, offer ends {{deadline}}; {{ lead.firstName }}!', { deadline: null })).toEqual({
      text: 'Hi {{ lead.firstName }}, offer ends {{deadline}}; {{ lead.firstName }}!',
      missing: ['lead.firstName', 'deadline'],
    });
    expect(renderTemplate('Day {{day}}', { day: undefined })).toEqual({ text: 'Day {{day}}', missing: ['day'] });
  });
  it('an empty string and 0 are real values', () => {
    expect(renderTemplate('[{{lead.tier}}] day {{day}}', { 'lead.tier': '', day: 0 })).toEqual({ text: '[] day 0', missing: [] });
  });
  it('does not expand placeholders inside values (single pass)', () => {
    expect(renderTemplate('Hi {{lead.name}}', { 'lead.name': '{{rep.name}}', 'rep.name': 'X' })).toEqual({ text: 'Hi {{rep.name}}', missing: [] });
  });
  it('reads only own properties', () => {
    expect(renderTemplate('{{constructor}} {{toString}}', {})).toEqual({ text: '{{constructor}} {{toString}}', missing: ['constructor', 'toString'] });
  });
  it('leaves malformed fragments untouched and does not list them as missing', () => {
    expect(renderTemplate('{{}} {{ lead name }} Hi {{lead.name}} }} {{rep.name', { 'lead.name': 'Ann', 'rep.name': 'Bo' })).toEqual({
      text: '{{}} {{ lead name }} Hi Ann }} {{rep.name',
      missing: [],
    });
  });
  it('keeps single braces and surrounding text', () => {
    expect(renderTemplate('{{{lead.name}}} {x}', { 'lead.name': 'Ann' })).toEqual({ text: '{Ann} {x}', missing: [] });
    expect(renderTemplate('', {})).toEqual({ text: '', missing: [] });
    expect(renderTemplate('multi\nline {{day}}\n', { day: 12 })).toEqual({ text: 'multi\nline 12\n', missing: [] });
  });
});
