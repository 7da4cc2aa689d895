// Career Advisor chat: one component for the full page (/) and the widget other sites embed.
//
// Widget, on any site (a launcher button in a corner opens the chat panel):
//   <script src="https://HOST/widget.js" async data-title="Ask about back-end careers"></script>
// Full page, filling an element (no launcher; the element is 100dvh tall unless the page sizes it):
//   <main id="career-advisor"></main>
//   <script src="/widget.js" defer data-mount="#career-advisor"></script>
//
// docs/widget.md is the reference: every data-* attribute, CSS custom property, ::part() name, label key, API
// method, event and state. In short: data-title, -position, -color, -open, -storage, -id, -mount, -theme, -font,
// -lang, -labels (JSON), -footer, -launcher, -launcher-label, -launcher-icon, -offset, -z-index, -teaser,
// -teaser-delay; the host element
// takes --ca-accent, --ca-font, --ca-radius …; window.CareerAdvisor is a command queue before the script runs and
// the API after (ready, open, close, toggle, ask, clear, init, push, instances).
//
// The server is the script's own origin: answers come over wss://HOST/ws (ws:// for http), limits from
// /api/v1/limits, example questions from /api/v1/topics. Sites on another origin must be allowed with
// `serve --allowed-origin`; a refused site sees the state "unavailable" (the rule is in docs/widget.md).

// This is the entry of the modules in web/src/; scripts/build-widget bundles them into web/widget.js, the one
// file sites load (docs/widget.md#the-source). Its first comment block above is the bundle's header.
'use strict';  // the bundle is a classic script: esbuild makes it strict, as modules are, only when its entry says so

import { Chat } from './chat.mjs';
import { readOptions } from './options.mjs';
import { pageRegistry } from './registry.mjs';

// Captured now: document.currentScript is null once this first run is over. A script injected in a way
// that hides it (an ES module, eval) falls back to the last tag that names us.
const script = document.currentScript ||
  [...document.querySelectorAll('script[src*="widget.js"]')].pop();
if (!script || !script.src) console.error('Career Advisor: load widget.js with a <script src> tag');
else start(script);

// Reads the tag, waits for the document to have somewhere to put the chat, registers the instance.
function start(tag) {
  const registry = pageRegistry();
  const options = readOptions(tag, registry);
  whenParsed(() => {
    let host;
    if (options.mount) {
      host = document.querySelector(options.mount);
      if (!host || host.shadowRoot) {
        console.error('Career Advisor: data-mount must name an element without a shadow root:', options.mount);
        return;
      }
    } else {
      host = document.createElement('div');
      document.body.append(host);
    }
    const chat = new Chat(options, registry);
    registry.add(chat.api);
    chat.mount(host);
  });
}

function whenParsed(run) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
