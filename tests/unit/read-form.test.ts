// readForm, the one form reader every page uses: a form with more fields than MAX_FORM_FIELDS is
// answered 413 before any page loops over it (issue #14, item 1).
import { describe, expect, it } from 'vitest';
import { MAX_FORM_FIELDS } from '../../src/lib/server/http/limits.ts';
import { readForm } from '../../src/lib/server/http/request.ts';

function post(body: BodyInit, contentType?: string): Request {
  return new Request('http://localhost/x', {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
}
const URLENCODED = 'application/x-www-form-urlencoded';
const repeated = (n: number) => Array.from({ length: n }, () => 'a=b').join('&');

describe('readForm', () => {
  it('reads a form of up to MAX_FORM_FIELDS fields', async () => {
    const form = await readForm(post(repeated(MAX_FORM_FIELDS), URLENCODED));
    expect(form).toBeInstanceOf(FormData);
    expect((form as FormData).getAll('a')).toHaveLength(MAX_FORM_FIELDS);
  });

  it('answers 413 for one field more, urlencoded or multipart', async () => {
    const multipart = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS; i++) multipart.append('a', 'b');
    for (const request of [post(repeated(MAX_FORM_FIELDS + 1), URLENCODED), post(multipart)]) {
      const answer = await readForm(request);
      expect(answer).toBeInstanceOf(Response);
      expect((answer as Response).status).toBe(413);
      // A thousand multipart parts also pass the form's byte limit, which the reader meets first.
      expect(await (answer as Response).text()).toMatch(new RegExp(`more than ${MAX_FORM_FIELDS} fields|too large`));
    }
  });

  it('answers 413 for a post of 40,000 repeated fields (the review found one freezing the server)', async () => {
    const answer = await readForm(post(`attemptId=x&${repeated(40_000)}`, URLENCODED));
    expect((answer as Response).status).toBe(413);
  });

  it('reads files and a quoted multipart boundary as before', async () => {
    const body =
      '--b b\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\nemail\r\n--b b--\r\n';
    const form = await readForm(post(body, 'multipart/form-data; boundary="b b"'));
    const file = (form as FormData).get('file');
    expect(file).toBeInstanceOf(File);
    expect(await (file as File).text()).toBe('email');
  });

  it('returns null for a body that is not a form', async () => {
    expect(await readForm(post('{"a":1}', 'application/json'))).toBeNull();
    expect(await readForm(post('--x\r\nbroken', 'multipart/form-data; boundary=x'))).toBeNull();
  });
});
