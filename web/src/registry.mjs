// window.CareerAdvisor: before any copy of this script ran, whatever the page queued there (an array of
// commands); after, one registry that every tag (and every copy of this file) shares. Commands and shortcuts
// act on the first instance, waiting for it if need be (docs/widget.md#javascript-api).
import { PageScroll } from './modal.mjs';

export function createRegistry() {
  const instances = [];
  let announce;
  const ready = new Promise((resolve) => { announce = resolve; });
  const settings = { labels: {} };
  const first = (run) => (instances.length ? run(instances[0]) : ready.then(run));
  const registry = {
    instances,
    ready,
    settings,
    told: new Set(),  // servers whose refusal the console has heard about
    pageScroll: new PageScroll(),  // held while a chat's panel covers the page
    get state() { return instances.length ? instances[0].state : 'loading'; },
    init(options = {}) {
      Object.assign(settings, options, { labels: { ...settings.labels, ...(options.labels || {}) } });
      for (const instance of instances) instance.configure(options);
    },
    open: () => first((i) => i.open()),
    close: () => first((i) => i.close()),
    toggle: () => first((i) => i.toggle()),
    clear: () => first((i) => i.clear()),
    ask: (text) => first((i) => i.ask(text)),
    // ['open'], ['ask', 'text'], ['init', {…}], or a function given the registry once an instance is ready.
    push(...commands) {
      for (const command of commands) {
        if (typeof command === 'function') {
          ready.then(() => command(registry));
          continue;
        }
        const [name, ...args] = Array.isArray(command) ? command : [];
        if (!['init', 'open', 'close', 'toggle', 'clear', 'ask'].includes(name)) {
          console.error('Career Advisor: unknown command', command);
          continue;
        }
        const result = registry[name](...args);
        if (result && typeof result.catch === 'function') {
          result.catch((error) => console.warn('Career Advisor:', name, 'failed:', error.message));
        }
      }
      return instances.length;
    },
    add(api) {
      instances.push(api);
      if (instances.length === 1) announce(api);
    },
  };
  return registry;
}

// The page's registry: the one a copy of this script that ran before put on window.CareerAdvisor, or a new one
// that takes its place and runs the commands the page queued there (an init among them runs now, before the
// chat is built).
export function pageRegistry() {
  const existing = window.CareerAdvisor;
  const registry = existing && !Array.isArray(existing) && Array.isArray(existing.instances) ? existing : createRegistry();
  if (registry !== existing) {
    window.CareerAdvisor = registry;
    if (Array.isArray(existing)) registry.push(...existing);
  }
  if (!registry.pageScroll) registry.pageScroll = new PageScroll();  // a registry an older copy of this file made
  return registry;
}
