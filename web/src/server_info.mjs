// What the server says about itself: its limits (asked once per server and page), whether it answers at all,
// and example questions. All best effort: without an answer the defaults hold and the chat still works.

// What the server takes unless GET /api/v1/limits says otherwise (docs/protocol.md).
export const DEFAULT_LIMITS = Object.freeze({ max_question_chars: 1000, max_message_bytes: 4096, max_comment_chars: 500 });

const limitRequests = new Map();  // server URL -> the promise of its limits

// GET /api/v1/limits: {"max_question_chars":1000,"max_message_bytes":4096,"max_comment_chars":500} and, when
// the server says so, "origin_allowed" for the Origin of this request.
export function serverLimits(serverUrl) {
  if (!limitRequests.has(serverUrl)) {
    limitRequests.set(serverUrl, fetch(new URL('/api/v1/limits', serverUrl), { credentials: 'omit' })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}))
      .then(readLimits));
  }
  return limitRequests.get(serverUrl);
}

// The limits in a reply of /api/v1/limits: each a positive integer, else the default; `origin_allowed` only
// when the reply has it.
export function readLimits(data) {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS)) {
    if (Number.isInteger(data && data[key]) && data[key] > 0) limits[key] = data[key];
  }
  if (data && typeof data.origin_allowed === 'boolean') limits.origin_allowed = data.origin_allowed;
  return limits;
}

// Whether the server answers HTTP at all, whatever it thinks of this origin: an opaque no-cors reply is
// enough, only a network failure rejects.
export function serverReachable(serverUrl) {
  return fetch(new URL('/healthz', serverUrl), { mode: 'no-cors', credentials: 'omit', cache: 'no-store' })
    .then(() => true, () => false);
}

// GET /api/v1/topics: up to `count` example questions. Rejects when the server gives none.
export async function exampleQuestions(serverUrl, count) {
  const response = await fetch(new URL('/api/v1/topics', serverUrl), { credentials: 'omit' });
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const { topics } = await response.json();
  return pickExamples(topics, count);
}

// One question per topic (the example of its main intent, `topic` or `topic.overview`, where it has one),
// the topics with a main intent first, at most `count`.
export function pickExamples(topics, count) {
  const byTopic = new Map();
  for (const t of topics) {
    if (t.kind !== 'topic' || typeof t.example !== 'string') continue;
    const main = t.intent === t.topic || t.intent === t.topic + '.overview';
    if (!byTopic.has(t.topic) || main) byTopic.set(t.topic, { example: t.example, main });
  }
  return [...byTopic.values()].sort((a, b) => b.main - a.main).slice(0, count).map((p) => p.example);
}
