/**
 * The edge check of client text (server/http/textInput.ts) on its own: what it finds (NUL,
 * lone surrogates, prototype keys, nesting), where it says it is, and what it leaves alone
 * (surrogate pairs such as emoji, Buffers, Dates); and the upload name's lone surrogates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { assertSafeInput, findUnsafeInput, MAX_INPUT_DEPTH, unsafeTextReason } from '../http/textInput';
import { sanitizeFileName } from '../uploads/fileName';
import type { JsonObject } from '../../shared/json';

describe('unsafeTextReason', () => {
  it.each([
    ['Renée 😀 𝄞 — 漢字', null],
    ['', null],
    ['a\u0000b', 'nul_character'],
    ['\ud800', 'lone_surrogate'],
    ['a\ud83d', 'lone_surrogate'],
    ['\ude00b', 'lone_surrogate'],
    ['\ude00\ud83d', 'lone_surrogate'],
  ])('when the text is %j, then %s', (text, reason) => {
    expect(unsafeTextReason(text)).toBe(reason);
  });

  it('when a string is any well-formed text without NUL, then it is accepted', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(unsafeTextReason(s.replaceAll('\u0000', ''))).toBeNull();
      }),
    );
  });

  it('when a NUL or a lone surrogate is put anywhere in well-formed text, then it is found', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), (s, at, bad) => {
        const chars = [...s];
        const i = at % (chars.length + 1);
        expect(unsafeTextReason([...chars.slice(0, i), bad, ...chars.slice(i)].join(''))).not.toBeNull();
      }),
    );
  });
});

describe('findUnsafeInput', () => {
  it('when any JSON value is walked, then something is found exactly when a string or key is unsafe or a key reserved', () => {
    const badText = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 0) return true;
        const high = c >= 0xd800 && c <= 0xdbff;
        const low = c >= 0xdc00 && c <= 0xdfff;
        const next = s.charCodeAt(i + 1);
        if (high && next >= 0xdc00 && next <= 0xdfff) i++;
        else if (high || low) return true;
      }
      return false;
    };
    const oracle = (v: unknown): boolean => {
      if (typeof v === 'string') return badText(v);
      if (Array.isArray(v)) return v.some(oracle);
      if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => ['__proto__', 'constructor', 'prototype'].includes(k) || badText(k) || oracle(x));
      return false;
    };
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a\u0000', '\ud800x'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', maxDepth: 5 }, text, fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(text, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(findUnsafeInput(v) !== null).toBe(oracle(v));
      }),
      { numRuns: 500 },
    );
  });

  it('when several spots are unsafe, then the first in reading order is named with its path', () => {
    const value = JSON.parse('{"a":"ok","b":[{"c":"x"},{"d":"\\u0000"}],"e":"\\ud800"}');
    expect(findUnsafeInput(value)).toEqual({ field: 'b.1.d', reason: 'nul_character' });
    expect(findUnsafeInput({ q: 'a\u0000' }, 'filter')).toEqual({ field: 'filter.q', reason: 'nul_character' });
    expect(findUnsafeInput('x\ud800', 'q')).toEqual({ field: 'q', reason: 'lone_surrogate' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('when a key is %s (an own key, as JSON.parse makes it), then it is reserved', (key) => {
    expect(findUnsafeInput(JSON.parse(`{"a":{"${key}":{"b":1}}}`))).toEqual({ field: `a.${key}`, reason: 'reserved_key' });
  });

  it('when a key holds a NUL, then the path shows it escaped', () => {
    expect(findUnsafeInput(JSON.parse('{"na\\u0000me":"x"}'))).toEqual({ field: 'na\\u0000me', reason: 'nul_character' });
  });

  it(`when the nesting is deeper than ${MAX_INPUT_DEPTH} levels, then it is too deep (and 100,000 levels do not overflow the stack)`, () => {
    const nest = (n: number) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(findUnsafeInput(nest(MAX_INPUT_DEPTH))).toBeNull();
    expect(findUnsafeInput(nest(MAX_INPUT_DEPTH + 1))?.reason).toBe('too_deep');
    expect(findUnsafeInput(nest(100_000))?.reason).toBe('too_deep');
  });

  it('when a value is a Buffer, a Date or a number, then it is not walked (a parsed message’s attachments)', () => {
    expect(findUnsafeInput({ content: Buffer.from([0, 0xd8, 0]), at: new Date(0), n: 0, ok: true, none: null })).toBeNull();
  });

  it('when multer hands a null-prototype map, then its keys and values are walked', () => {
    const fields = Object.create(null) as JsonObject;
    fields.note = 'a\u0000';
    expect(findUnsafeInput(fields)).toEqual({ field: 'note', reason: 'nul_character' });
  });
});

describe('assertSafeInput', () => {
  it('when the input is unsafe, then a 400 invalid_request names the field, the reason and where it came from, in French', () => {
    let thrown: unknown;
    try {
      assertSafeInput({ subject: 'Plainte \u0000' }, 'message');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const err = thrown as AppError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_request');
    expect(err.details).toEqual({ field: 'subject', reason: 'nul_character', location: 'message', fields: { subject: expect.any(String) } });
    expect(err.message).toContain('« subject »');
    expect(err.message).not.toContain(' / ');
  });

  it('when the input is safe, then it returns', () => {
    expect(() => assertSafeInput({ subject: 'Réclamation 😀' }, 'message')).not.toThrow();
  });
});

describe('sanitizeFileName', () => {
  it('when a name holds a lone surrogate, then it becomes U+FFFD (the name is shown, never refused)', () => {
    expect(sanitizeFileName('facture\ud800.pdf')).toBe('facture\ufffd.pdf');
  });

  it('when the 200-character cut splits an emoji, then no half of it is kept', () => {
    const name = sanitizeFileName(`${'a'.repeat(199)}😀.pdf`);
    expect(unsafeTextReason(name)).toBeNull();
    expect(name).toBe('a'.repeat(199));
  });
});
