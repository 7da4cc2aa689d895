// The OpenAPI description (docs/openapi.yaml, served as JSON at /api/v1/openapi.json) against the real server:
// the document is valid OpenAPI 3.1 and is the YAML as written, and every operation it lists is called, in each
// of its documented outcomes, and each reply's status, required headers, content type and body are checked
// against it with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Nothing is checked by hand: a reply
// the document does not describe fails, and so does a documented outcome no request here provokes, unless
// `notProvoked` says why it cannot be.
// Not a *.test.mjs: the browser suite runs every one of those in this folder (node --test tests/browser/), and
// this needs no browser; ctest runs it as openapi_test. It lives here for the npm packages it shares.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse as parseYaml } from 'yaml';
import { copyData, sourceDir, startServer } from './support.mjs';

const secrets = { slack: 'openapi-slack-secret', telegram: 'openapi-telegram-secret', twilio: 'openapi-twilio-token' };
const adminToken = 'openapi-admin-token';

// Outcomes the document lists that these servers cannot be brought to, and why.
const notProvoked = {
  'get /readyz 503': 'only while draining after SIGTERM, when the listener is closed to new connections',
  'get /admin/report 503': 'a store that cannot be read, or a server that records nothing (serve always records)',
  'get /ws 503': 'the drain or a connection over the caps',
};

// The document, ready to check replies against. Its schemas are compiled by Ajv in strict mode (an unknown
// keyword is an error, not an annotation), under one $id so that their #/components/schemas refs resolve.
class Description {
  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(this.ajv);
    const base = 'https://career-advisor.invalid/openapi.json';
    this.inline = (schema) =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${base}#/$defs/`));
    this.ajv.addSchema({ $id: base, $defs: this.inline(doc.components.schemas) });
    this.validators = new Map();
    this.seen = new Set();
  }

  resolve(node) {
    while (node && node.$ref) {
      assert.ok(node.$ref.startsWith('#/'), `only local refs: ${node.$ref}`);
      node = node.$ref.slice(2).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce((at, key) => at?.[key], this.doc);
      assert.ok(node, 'a $ref that names nothing');
    }
    return node;
  }

  validator(schema) {
    const key = JSON.stringify(schema);
    if (!this.validators.has(key)) this.validators.set(key, this.ajv.compile(this.inline(schema)));
    return this.validators.get(key);
  }

  // Every documented outcome, "get /healthz 200", with its response object.
  outcomes() {
    const all = [];
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const status of Object.keys(operation.responses)) all.push(`${method} ${path} ${status}`);
      }
    }
    return all;
  }

  // The documented path for a request path: itself, or the template it fills ("/{file}").
  template(path) {
    if (this.doc.paths[path]) return path;
    return Object.keys(this.doc.paths).find((t) =>
      t.includes('{') && new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(path));
  }

  // Throws an AssertionError naming what in `reply` the document does not allow; records the outcome.
  check(method, target, reply) {
    const path = target.split('?')[0];
    const template = this.template(path);
    const operation = template && this.doc.paths[template][method];
    let response;
    let outcome;
    if (operation) {
      response = operation.responses[String(reply.status)];
      outcome = `${method} ${template} ${reply.status}`;
      assert.ok(response, `${method.toUpperCase()} ${target}: status ${reply.status} is not documented`);
    } else if (reply.status === 405) {
      response = this.doc.components.responses.MethodNotAllowed;
      outcome = 'components MethodNotAllowed';
    } else if (reply.status === 404 && /^\/(api|admin|channels)\//.test(path)) {
      response = this.doc.components.responses.NotFound;
      outcome = 'components NotFound';
    } else {
      assert.fail(`${method.toUpperCase()} ${target}: no documented operation (status ${reply.status})`);
    }
    response = this.resolve(response);
    const where = `${method.toUpperCase()} ${target} ${reply.status}`;
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const spec = this.resolve(header);
      const value = reply.headers[name.toLowerCase()];
      if (value === undefined) {
        assert.ok(!spec.required, `${where}: no ${name} header`);
        continue;
      }
      if (spec.schema) this.assertValid(spec.schema, value, `${where}: header ${name}`);
    }
    const type = (reply.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!response.content || (reply.body === '' && response['x-empty-body'])) {
      assert.equal(reply.body, '', `${where}: a body where the document has none`);
    } else {
      const [major] = type.split('/');
      const media = Object.keys(response.content).find((m) => m === type || m === '*/*' || m === `${major}/*`);
      assert.ok(media, `${where}: Content-Type ${type || '(none)'} is not one of ${Object.keys(response.content)}`);
      const schema = response.content[media].schema;
      let body = reply.body;
      if (/^application\/(.+\+)?json$/.test(type)) {
        try {
          body = JSON.parse(reply.body);
        } catch {
          assert.fail(`${where}: the body is not JSON: ${reply.body.slice(0, 200)}`);
        }
      }
      if (schema) this.assertValid(schema, body, `${where}: body`);
    }
    this.seen.add(outcome);
  }

  assertValid(schema, value, what) {
    const validate = this.validator(schema);
    if (!validate(value)) {
      assert.fail(`${what} does not match the document: ${this.ajv.errorsText(validate.errors)}\n` +
        JSON.stringify(value).slice(0, 600));
    }
  }
}

function send(server, method, target, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, method: method.toUpperCase(), path: target,
      headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (value) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });

let description;
let open;  // channels on, admin from loopback, a copy of the data to break for the failed reload
let guarded;  // an --admin-token, tight rate limits, channels off
let data;

// Sends, expects `status`, checks the reply against the document; returns it with its JSON body parsed.
async function call(server, method, target, options, status) {
  const reply = await send(server, method, target, options);
  assert.equal(reply.status, status, `${method.toUpperCase()} ${target}: ${reply.body.slice(0, 300)}`);
  description.check(method, target, reply);
  if (/json/.test(reply.headers['content-type'] ?? '') && reply.body !== '') reply.json = JSON.parse(reply.body);
  return reply;
}

before(async () => {
  data = copyData();
  [open, guarded] = await Promise.all([
    startServer([...data.args, '--slack-signing-secret', secrets.slack, '--telegram-secret', secrets.telegram,
      '--twilio-auth-token', secrets.twilio]),
    startServer(['--admin-token', adminToken, '--address-message-rate', '0.01', '--address-message-burst', '1',
      '--address-static-rate', '0.01', '--address-static-burst', '1']),
  ]);
  const served = await send(open, 'get', '/api/v1/openapi.json');
  description = new Description(JSON.parse(served.body));
});

after(async () => {
  await Promise.all([open?.stop(), guarded?.stop()]);
  data?.remove();
});

test('the served description is valid OpenAPI 3.1', async () => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(description.doc));
  assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
  assert.equal(validator.version, '3.1');
});

test('the served description is docs/openapi.yaml as written', () => {
  const written = parseYaml(readFileSync(join(sourceDir, 'docs', 'openapi.yaml'), 'utf8'));
  assert.deepEqual(description.doc, written, 'rebuild: the binary serves an older docs/openapi.yaml');
});

test('every schema of the description compiles in strict mode', () => {
  for (const name of Object.keys(description.doc.components.schemas)) {
    description.validator({ $ref: `#/components/schemas/${name}` });
  }
});

test('a reply the description does not allow fails the check', async () => {
  const salary = await send(open, 'get', '/api/v1/salary?location=seattle');
  description.check('get', '/api/v1/salary?location=seattle', salary);  // as sent, it passes
  const altered = (change) => {
    const body = JSON.parse(salary.body);
    change(body);
    return { ...salary, body: JSON.stringify(body) };
  };
  const wrong = {
    'a scope that is not one of the four': altered((b) => { b.rows[0].scope = 'mode'; }),
    'a row without its figure': altered((b) => { delete b.rows[0].figure; }),
    'a range without its high end': altered((b) => { delete b.rows.find((r) => r.scope === 'range').high; }),
    'a field the description does not list': altered((b) => { b.currency = 'USD'; }),
    'a number as text': altered((b) => { b.rows[0].low = String(b.rows[0].low ?? b.rows[0].value); }),
    'another content type': { ...salary, headers: { ...salary.headers, 'content-type': 'text/plain' } },
    'a body that is not JSON': { ...salary, body: salary.body.slice(0, -1) },
    'no CORS header': { ...salary, headers: { ...salary.headers, 'access-control-allow-origin': undefined } },
    'a status not documented': { ...salary, status: 418 },
  };
  for (const [why, reply] of Object.entries(wrong)) {
    assert.throws(() => description.check('get', '/api/v1/salary?location=seattle', reply),
      assert.AssertionError, why);
  }
  assert.throws(() => description.check('get', '/healthz', { status: 200, headers: {
    'content-type': 'application/json' }, body: '{"status":"fine"}' }), assert.AssertionError, 'healthz not ok');
});

test('questions and votes: /api/v1/ask and /api/v1/feedback', async () => {
  const salary = await call(open, 'post', '/api/v1/ask', json({ text: 'How much do back-end developers make in Seattle?' }), 200);
  assert.ok(salary.json.data.rows.length > 0, 'an answer with salary rows');
  await call(open, 'post', '/api/v1/ask', json({ text: 'what skills do I need and what does it pay?' }), 200);
  await call(open, 'post', '/api/v1/ask', json({ text: 'what about Austin?', context: salary.json.context }), 200);
  const expired = await call(open, 'post', '/api/v1/ask',
    json({ text: 'what about Austin?', context: { intent: 'salary', updated_at_ms: 0 } }), 200);
  assert.equal(expired.json.context_expired, true);
  const fallback = await call(open, 'post', '/api/v1/ask', json({ text: 'which pizza topping is the best?' }), 200);
  await call(open, 'post', '/api/v1/ask', json({ text: '' }), 400);
  await call(open, 'post', '/api/v1/ask', { body: 'not json' }, 400);
  await call(open, 'post', '/api/v1/ask', json({ text: 'x'.repeat(1001) }), 400);
  await call(open, 'post', '/api/v1/ask', json({ text: 'y'.repeat(5000) }), 413);
  await call(open, 'post', '/api/v1/ask',
    { ...json({ text: 'hello' }), headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' } }, 403);
  await call(open, 'options', '/api/v1/ask', { headers: { Origin: 'https://elsewhere.example',
    'Access-Control-Request-Method': 'POST' } }, 204);

  await call(open, 'post', '/api/v1/feedback',
    json({ answer_id: fallback.json.answer_id, helpful: false, comment: 'nothing about pizza' }), 200);
  await call(open, 'post', '/api/v1/feedback', json({ answer_id: salary.json.answer_id, helpful: true }), 200);
  await call(open, 'post', '/api/v1/feedback', json({ answer_id: '0'.repeat(48), helpful: true }), 404);
  await call(open, 'post', '/api/v1/feedback', json({ answer_id: 'abc', helpful: true }), 400);
  await call(open, 'post', '/api/v1/feedback', json({ answer_id: salary.json.answer_id, helpful: true,
    comment: 'z'.repeat(501) }), 400);
  await call(open, 'post', '/api/v1/feedback', { body: 'y'.repeat(5000) }, 413);
  await call(open, 'post', '/api/v1/feedback', { ...json({ answer_id: salary.json.answer_id, helpful: true }),
    headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' } }, 403);
  await call(open, 'options', '/api/v1/feedback', {}, 204);

  await call(guarded, 'post', '/api/v1/ask', json({ text: 'hello' }), 200);
  const limited = await call(guarded, 'post', '/api/v1/ask', json({ text: 'hello' }), 429);
  assert.equal(limited.json.code, 'rate_limited');
  await call(guarded, 'post', '/api/v1/feedback', json({ answer_id: salary.json.answer_id, helpful: true }), 429);
});

test('the data: salary, its filters, topics, limits and the description itself', async () => {
  for (const query of ['', '?location=seattle', '?location=seattle,austin', '?location=sf&level=senior',
    '?level=entry', '?location=San%20Francisco']) {
    await call(open, 'get', '/api/v1/salary' + query, {}, 200);
  }
  const none = await call(open, 'get', '/api/v1/salary?location=seattle&level=senior', {}, 200);
  assert.ok(none.json.rows.length > 0 || none.json.note, 'rows, or a note saying why there are none');
  for (const query of ['?location=chicago', '?city=seattle', '?location=%zz', '?level=a&level=b']) {
    await call(open, 'get', '/api/v1/salary' + query, {}, 400);
  }
  await call(open, 'get', '/api/v1/salary/filters', {}, 200);
  await call(open, 'get', '/api/v1/topics', {}, 200);
  await call(open, 'get', '/api/v1/limits', {}, 200);
  await call(open, 'get', '/api/v1/limits', { headers: { Origin: 'https://elsewhere.example' } }, 200);
  const spec = await call(open, 'get', '/api/v1/openapi.json', {}, 200);
  await call(open, 'get', '/api/v1/openapi.json', { headers: { 'If-None-Match': spec.headers.etag } }, 304);
  await call(open, 'get', '/api/v1/no-such-endpoint', {}, 404);
  await call(open, 'post', '/api/v1/salary', {}, 405);
  await call(open, 'get', '/api/v1/ask', {}, 405);
});

test('operations: health, readiness, metrics, reload and the report', async () => {
  await call(open, 'get', '/healthz', {}, 200);
  await call(open, 'get', '/readyz', {}, 200);
  await call(open, 'get', '/metrics', {}, 200);
  await call(guarded, 'get', '/metrics', {}, 401);
  await call(open, 'get', '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } }, 403);

  await call(open, 'post', '/admin/reload', {}, 200);
  await call(guarded, 'post', '/admin/reload', { headers: { Authorization: 'Bearer wrong' } }, 401);
  await call(guarded, 'post', '/admin/reload', { headers: { Authorization: `Bearer ${adminToken}`,
    Origin: 'https://elsewhere.example' } }, 403);

  // The report once the store holds the answers and votes asked for above (written within about a second).
  let report;
  for (let attempt = 0; attempt < 50; attempt++) {
    report = await call(open, 'get', '/admin/report?since=7d', {}, 200);
    if (report.json.unanswered.length > 0 && report.json.not_helpful.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(report.json.unanswered.length > 0 && report.json.not_helpful.length > 0,
    'the report has rows of every list to check');
  await call(open, 'get', '/admin/report', {}, 200);
  await call(open, 'get', '/admin/report?since=soon', {}, 400);
  await call(guarded, 'get', '/admin/report', {}, 401);
  await call(guarded, 'get', '/admin/report', { headers: { Authorization: `Bearer ${adminToken}` } }, 200);
  await call(open, 'get', '/admin/report', { headers: { 'X-Forwarded-For': '203.0.113.9' } }, 403);

  data.replace('knowledge/facts/outlook.json', '"source":', '"origin":');
  const refused = await call(open, 'post', '/admin/reload', {}, 422);
  assert.ok(refused.json.errors.length > 0);
  await call(open, 'get', '/api/v1/topics', {}, 200);  // the old data serves on
});

function form(params) {
  return new URLSearchParams(params).toString();
}

function slack(server, text, { trigger = String(Math.random()), body, secret = secrets.slack } = {}) {
  const sent = body ?? form({ team_id: 'T1', user_id: 'U1', channel_id: 'C1', command: '/career', text,
    trigger_id: trigger });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${sent}`).digest('hex');
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': timestamp,
    'X-Slack-Signature': signature }, body: sent };
}

function twilio(server, text, { sid = 'SM' + Math.random().toString(16).slice(2), from = '+15551230000',
  token = secrets.twilio } = {}) {
  const params = { MessageSid: sid, From: from, To: '+18005551212', Body: text, NumMedia: '0' };
  const url = `http://127.0.0.1:${server.port}/channels/twilio`;
  const signed = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded',
    'X-Twilio-Signature': createHmac('sha1', token).update(signed).digest('base64') }, body: form(params) };
}

function telegram(update, secret = secrets.telegram) {
  return { headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
    body: JSON.stringify(update) };
}

test('the messaging platforms: Slack, Telegram and Twilio', async () => {
  const path = '/channels/slack/command';
  await call(open, 'post', path, slack(open, 'How much do back-end developers make in Seattle?', { trigger: 't1' }), 200);
  await call(open, 'post', path, slack(open, 'help'), 200);
  const again = await call(open, 'post', path, slack(open, 'How much do back-end developers make in Seattle?',
    { trigger: 't1' }), 200);
  assert.ok(again.json.blocks, 'a retry gets the first reply');
  await call(open, 'post', path, slack(open, 'hello', { secret: 'not the secret' }), 401);
  await call(open, 'post', path, slack(open, '', { body: 'text=%zz' }), 400);
  await call(open, 'post', path, { body: 'x'.repeat(5000) }, 413);
  await call(guarded, 'post', path, slack(guarded, 'hello'), 404);

  const hook = '/channels/telegram/webhook';
  const message = (id, text) => ({ update_id: id, message: { message_id: id, date: 1700000000, text,
    chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'Ada' } } });
  const answered = await call(open, 'post', hook, telegram(message(1, 'What skills do I need?')), 200);
  assert.equal(answered.json.method, 'sendMessage');
  const ignored = await call(open, 'post', hook, telegram({ update_id: 2, edited_message: { text: 'hi' } }), 200);
  assert.equal(ignored.body, '', 'an update that is not a new message gets an empty body');
  await call(open, 'post', hook, telegram(message(3, 'hello'), 'not the secret'), 401);
  await call(open, 'post', hook, telegram([1, 2]), 400);
  await call(open, 'post', hook, { body: 'x'.repeat(5000) }, 413);
  await call(guarded, 'post', hook, telegram(message(4, 'hello')), 404);

  await call(open, 'post', '/channels/twilio', twilio(open, 'What does a back-end developer do?'), 200);
  await call(open, 'post', '/channels/twilio', twilio(open, 'What does it pay?', { from: 'whatsapp:+15551230000' }), 200);
  await call(open, 'post', '/channels/twilio', twilio(open, 'hello', { token: 'not the token' }), 401);
  await call(open, 'post', '/channels/twilio', { body: 'x'.repeat(5000) }, 413);
  await call(guarded, 'post', '/channels/twilio', twilio(guarded, 'hello'), 404);
  await call(open, 'get', '/channels/twilio', {}, 405);
  await call(open, 'post', '/channels/no-such-platform', {}, 404);
});

test('the chat socket and the pages', async () => {
  const upgrade = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };
  await call(open, 'get', '/ws', { headers: upgrade }, 101);
  await call(open, 'get', '/ws', { headers: { ...upgrade, Origin: 'https://elsewhere.example' } }, 403);
  await call(open, 'get', '/ws', {}, 426);

  const page = await call(open, 'get', '/', {}, 200);
  await call(open, 'get', '/', { headers: { 'If-None-Match': page.headers.etag } }, 304);
  const redirect = await call(open, 'get', '/widget.js', {}, 302);
  await call(open, 'get', '/widget.js', { headers: { 'If-None-Match': redirect.headers.etag } }, 304);
  const version = redirect.headers.location;
  const widget = await call(open, 'get', version, {}, 200);
  assert.equal(widget.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(widget.headers['access-control-allow-origin'], '*');
  await call(open, 'get', version, { headers: { 'If-None-Match': widget.headers.etag } }, 304);
  const brotli = await call(open, 'get', version, { headers: { 'Accept-Encoding': 'br, gzip' } }, 200);
  assert.equal(brotli.headers['content-encoding'], 'br');
  const gzipped = await call(open, 'get', version, { headers: { 'Accept-Encoding': 'gzip' } }, 200);
  assert.equal(gzipped.headers['content-encoding'], 'gzip');
  assert.notEqual(brotli.headers.etag, gzipped.headers.etag);
  const other = await call(open, 'get', '/widget.0123456789abcdef.js', {}, 200);
  assert.equal(other.headers['cache-control'], 'no-cache');
  assert.equal(other.headers.etag, widget.headers.etag);
  const admin = await call(open, 'get', '/admin.html', {}, 200);
  assert.equal(admin.headers['cache-control'], 'public, max-age=300');
  await call(open, 'get', '/no-such-page.html', {}, 404);
  await call(open, 'get', '/..%2fCMakeLists.txt', {}, 404);
  await call(open, 'post', '/', {}, 405);

  await call(guarded, 'get', '/widget.js', {}, 302);
  await call(guarded, 'get', '/', {}, 429);
  await call(guarded, 'get', '/widget.js', {}, 429);
  await call(guarded, 'get', '/admin.html', {}, 429);
});

test('every outcome the description lists was provoked and checked', () => {
  const missing = description.outcomes().filter((o) => !description.seen.has(o) && !notProvoked[o]);
  assert.deepEqual(missing, [], 'documented, never checked');
  for (const shared of ['components MethodNotAllowed', 'components NotFound']) assert.ok(description.seen.has(shared));
  for (const outcome of Object.keys(notProvoked)) {
    assert.ok(description.outcomes().includes(outcome), `${outcome} is not documented: drop it from notProvoked`);
  }
});
