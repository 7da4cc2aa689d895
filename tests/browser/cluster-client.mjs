// The chat clients of scripts/test-cluster: the real widget (web/widget.js) in Debian's Chromium, talking to the
// replicas through nginx. Not a `node --test` file: the script runs it while it starts and stops the replicas.
//
//   node cluster-client.mjs chat URL          the page loads and chats over /ws; the HTTP API answers a question
//                                             and its follow-up (the context sent back), through URL
//   node cluster-client.mjs traffic URL DIR   three pages ask steadily, a fourth asks a follow-up after each
//                                             reconnect; writes DIR/ready once all are chatting, stops asking when
//                                             DIR/stop appears (it holds how many sockets the server must have
//                                             closed), then checks what went over the wire
//
// Prints what it checked; exits 1 naming each failed check.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser, pageProblems, waitForState } from './support.mjs';

const [mode, url, dir] = process.argv.slice(2);
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  return ok;
};

// What each question of the traffic must get. The follow-up has no topic of its own: without the context of
// the question before it, it is a fallback.
const SENIOR_SEATTLE = 'what do seniors earn in Seattle?';
const AND_AUSTIN = 'and in Austin?';
const ROLE = 'What does a back-end developer do?';
const sameList = (a = [], b = []) => a.length === b.length && a.every((x, i) => x === b[i]);
const expected = {
  [SENIOR_SEATTLE]: (a) => a.intent === 'salary' && sameList(a.entities.location, ['seattle']) &&
    sameList(a.entities.level, ['senior']),
  [AND_AUSTIN]: (a) => a.intent === 'salary' && sameList(a.entities.location, ['austin']) &&
    sameList(a.entities.level, ['senior']) && a.rows.includes('Austin'),
  [ROLE]: (a) => a.intent === 'role.overview',
  'what skills do I need?': (a) => a.intent === 'skills.overview',
};
const STEADY_QUESTIONS = Object.keys(expected);

// What a test needs of an answer, small enough to pass out of the page (the pages build the same shape).
function summary(answer) {
  return { id: answer.id, intent: answer.intent, entities: answer.entities ?? {},
    rows: (answer.data?.rows ?? []).map((r) => r.label) };
}

// A page of its own (own session storage) that records every frame of its sockets, as the network saw them,
// and the close code of each socket, as the page saw it.
async function openChat(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = pageProblems(page);
  const sockets = [];
  page.on('websocket', (ws) => {
    const socket = { sent: [], received: [] };
    sockets.push(socket);
    ws.on('framesent', (frame) => socket.sent.push(JSON.parse(frame.payload)));
    ws.on('framereceived', (frame) => socket.received.push(JSON.parse(frame.payload)));
  });
  await page.addInitScript(() => {
    window.closeCodes = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('close', (event) => window.closeCodes.push(event.code));
      }
    };
  });
  const response = await page.goto(url);
  check(response.status() === 200, `the page through nginx: status ${response.status()}`);
  try {
    await waitForState(page, 'connected', 30000);
  } catch {
    throw new Error('the page\'s chat did not connect over /ws through nginx within 30 s');
  }
  return { page, problems, sockets };
}

async function chat() {
  const browser = await launchBrowser();
  try {
    const { page, problems, sockets } = await openChat(browser);
    const first = await page.evaluate(async (q) => (await CareerAdvisor.ask(q)), SENIOR_SEATTLE);
    const second = await page.evaluate(async (q) => (await CareerAdvisor.ask(q)), AND_AUSTIN);
    check(expected[SENIOR_SEATTLE](summary(first)), `chat: "${SENIOR_SEATTLE}" got ${JSON.stringify(summary(first))}`);
    check(expected[AND_AUSTIN](summary(second)), `chat: "${AND_AUSTIN}" got ${JSON.stringify(summary(second))}`);
    check(sockets.length === 1 && sockets[0].received.length === 2, 'chat: both answers came over one WebSocket');
    check(problems.length === 0, `chat: page problems ${problems.join('; ')}`);
  } finally {
    await browser.close();
  }

  // The API is stateless: the follow-up carries the first answer's context, whichever replica answers it.
  const ask = async (body) => {
    const response = await fetch(new URL('/api/v1/ask', url), { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    check(response.status === 200, `api: status ${response.status}`);
    return response.json();
  };
  const first = await ask({ text: SENIOR_SEATTLE });
  const second = await ask({ text: AND_AUSTIN, context: first.context });
  const alone = await ask({ text: AND_AUSTIN });
  check(expected[SENIOR_SEATTLE](summary(first)), `api: "${SENIOR_SEATTLE}" got ${JSON.stringify(summary(first))}`);
  check(expected[AND_AUSTIN](summary(second)), `api: "${AND_AUSTIN}" got ${JSON.stringify(summary(second))}`);
  check(alone.intent === 'fallback', `api: "${AND_AUSTIN}" without context got ${alone.intent}, not fallback`);
  if (failures.length === 0) {
    console.log('cluster-client: chat over /ws and the API (follow-up with context) answered through nginx');
  }
}

// Asks the next question every `everyMs`, whether connected or not (the widget queues what it cannot send).
function startSteadyTraffic(page, everyMs) {
  return page.evaluate(({ questions, everyMs }) => {
    const traffic = window.traffic = { asked: 0, answers: [], errors: [] };
    let next = 0;
    traffic.timer = setInterval(() => {
      const text = questions[next++ % questions.length];
      traffic.asked += 1;
      CareerAdvisor.ask(text).then(
        (a) => traffic.answers.push({ text, id: a.id, intent: a.intent, entities: a.entities ?? {},
          rows: (a.data?.rows ?? []).map((r) => r.label) }),
        (e) => traffic.errors.push({ text, error: e.message, code: e.code }));
    }, everyMs);
  }, { questions: STEADY_QUESTIONS, everyMs });
}

// Asks about seniors in Seattle, waits until the socket drops (a replica drains), then asks "and in Austin?": the
// first question on the new socket, so only the context the widget sends with it can make it a salary answer.
// Each round opens with another topic, so that Austin's figure is new again (a follow-up says only what is new).
function startFollowUps(page) {
  return page.evaluate(({ opening, topic, followUp }) => {
    const state = window.followUps = { asked: 0, answers: [], errors: [], stop: false, finished: false };
    const chat = CareerAdvisor.instances[0];
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    (async () => {
      while (!state.stop) {
        state.asked += 2;
        await CareerAdvisor.ask(opening);
        await CareerAdvisor.ask(topic);
        while (!state.stop && chat.state === 'connected') await pause(20);
        if (state.stop) break;
        state.asked += 1;
        const a = await CareerAdvisor.ask(followUp);
        state.answers.push({ text: followUp, id: a.id, intent: a.intent, entities: a.entities ?? {},
          rows: (a.data?.rows ?? []).map((r) => r.label) });
      }
    })().catch((e) => state.errors.push(String(e.message))).finally(() => { state.finished = true; });
  }, { opening: ROLE, topic: SENIOR_SEATTLE, followUp: AND_AUSTIN });
}

// Checks one page's wire: every question asked has one id, went out at least once, and got exactly one reply,
// an answer; a question went out again only on a later socket. Returns the numbers for the summary.
function checkWire(name, sockets, asked) {
  const texts = new Map();   // id -> text
  const sends = new Map();   // id -> sockets it went out on
  const replies = new Map(); // id -> replies received
  sockets.forEach((socket, n) => {
    for (const frame of socket.sent) {
      check(frame.type === 'ask' && frame.id !== undefined, `${name}: a frame that is not an ask with an id`);
      check(!texts.has(frame.id) || texts.get(frame.id) === frame.text, `${name}: id ${frame.id} reused`);
      texts.set(frame.id, frame.text);
      sends.set(frame.id, [...(sends.get(frame.id) ?? []), n]);
    }
    for (const frame of socket.received) {
      check(frame.type === 'answer', `${name}: a reply of type ${frame.type} (${frame.code}: ${frame.message})`);
      replies.set(frame.id, (replies.get(frame.id) ?? 0) + 1);
    }
  });
  check(texts.size === asked, `${name}: ${asked} questions asked, ${texts.size} sent`);
  for (const id of replies.keys()) check(texts.has(id), `${name}: an answer to id ${id}, never asked`);
  let resent = 0;
  for (const [id, on] of sends) {
    check(replies.get(id) === 1, `${name}: "${texts.get(id)}" (id ${id}) answered ${replies.get(id) ?? 0} times`);
    check(new Set(on).size === on.length, `${name}: id ${id} sent twice on one socket`);
    resent += on.length - 1;
  }
  return { resent };
}

async function traffic() {
  const browser = await launchBrowser();
  // One after another, so that nginx (least connections) puts one steady chat on each replica.
  const steady = [];
  for (let i = 0; i < 3; i++) steady.push(await openChat(browser));
  const follower = await openChat(browser);
  for (const chat of steady) await startSteadyTraffic(chat.page, 250);
  await startFollowUps(follower.page);
  for (const chat of steady) await chat.page.waitForFunction(() => window.traffic.answers.length > 0);
  writeFileSync(join(dir, 'ready'), '');

  const stopFile = join(dir, 'stop');
  while (!existsSync(stopFile)) await sleep(100);
  const closesExpected = Number(readFileSync(stopFile, 'utf8'));

  for (const { page } of steady) await page.evaluate(() => clearInterval(window.traffic.timer));
  await follower.page.evaluate(() => { window.followUps.stop = true; });
  const settled = () => window.traffic.answers.length + window.traffic.errors.length === window.traffic.asked;
  for (const { page } of steady) await page.waitForFunction(settled, null, { timeout: 30000 });
  await follower.page.waitForFunction(() => window.followUps.finished, null, { timeout: 30000 });

  let questions = 0;
  let resent = 0;
  let closes = 0;
  let sockets = 0;
  for (const [n, { page, problems, sockets: wire }] of steady.entries()) {
    const name = `steady chat ${n + 1}`;
    const { asked, answers, errors } = await page.evaluate(() => window.traffic);
    check(errors.length === 0, `${name}: questions failed: ${JSON.stringify(errors.slice(0, 3))}`);
    check(answers.length === asked, `${name}: ${asked} asked, ${answers.length} answered`);
    for (const a of answers) check(expected[a.text](a), `${name}: "${a.text}" got ${JSON.stringify(a)}`);
    const codes = await page.evaluate(() => window.closeCodes);
    check(codes.every((code) => code === 1001), `${name}: sockets closed with ${codes.join(', ')}, not 1001`);
    check(problems.length === 0, `${name}: page problems ${problems.join('; ')}`);
    resent += checkWire(name, wire, asked).resent;
    questions += asked;
    closes += codes.length;
    sockets += wire.length;
  }

  // The follow-ups: each the first frame on its socket, carrying the context, answered for Austin and seniors.
  const { asked, answers: followUps, errors } = await follower.page.evaluate(() => window.followUps);
  check(errors.length === 0, `follow-up chat: ${errors.join('; ')}`);
  resent += checkWire('follow-up chat', follower.sockets, asked).resent;
  questions += asked;
  sockets += follower.sockets.length;
  check(followUps.length >= 1, 'follow-up chat: its socket never dropped, so no follow-up was asked on a new one');
  for (const a of followUps) {
    check(expected[AND_AUSTIN](a), `follow-up chat: "${AND_AUSTIN}" after a reconnect got ${JSON.stringify(a)}`);
    const socket = follower.sockets.find((s) => s.sent.some((f) => f.id === a.id));
    check(socket?.sent[0]?.id === a.id && socket.sent[0].context?.intent === 'salary',
      `follow-up chat: "${AND_AUSTIN}" was not the first frame of its socket, with the salary context`);
  }
  const followCodes = await follower.page.evaluate(() => window.closeCodes);
  check(followCodes.every((code) => code === 1001), `follow-up chat: sockets closed with ${followCodes.join(', ')}`);
  check(follower.problems.length === 0, `follow-up chat: page problems ${follower.problems.join('; ')}`);
  closes += followCodes.length;
  check(closes >= closesExpected, `${closes} sockets closed by draining replicas, expected at least ${closesExpected}`);
  await browser.close();

  if (failures.length === 0) {
    console.log(`cluster-client: ${questions} questions from 4 chats over ${sockets} sockets, each answered ` +
      `exactly once (${resent} sent again after a reconnect); ${closes} sockets closed with 1001 by draining ` +
      `replicas; ${followUps.length} follow-up(s) first on a new socket answered with their context`);
  }
}

if (mode === 'chat' && url) await chat();
else if (mode === 'traffic' && url && dir) await traffic();
else {
  console.error('usage: node cluster-client.mjs chat URL | traffic URL DIR');
  process.exit(2);
}
if (failures.length > 0) {
  for (const failure of failures) console.error('cluster-client: FAIL: ' + failure);
  process.exit(1);
}
