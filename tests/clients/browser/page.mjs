// Runs in the test page (served by browser-sender.mjs). window.__run(config) loads @segment/analytics-next
// (the UMD bundle's AnalyticsBrowser) the way a site pointed at a custom API host would, and makes the calls
// of ../events.mjs, all at once (or one after the other with cfg.sequential). It resolves once every call has
// been handed to the library; whether the endpoint answered
// each one is observed from outside, on the network, by the driver.
import { callFor } from '/events.mjs'

const status = (s) => {
  document.getElementById('status').textContent = s
}

window.__run = async (cfg) => {
  const { AnalyticsBrowser } = window.AnalyticsNext
  const segmentio = { apiHost: cfg.apiHost, protocol: cfg.protocol }
  if (cfg.batching) segmentio.deliveryStrategy = { strategy: 'batching', config: { size: cfg.batchSize, timeout: 200 } }

  let settings
  let options = {}
  if (cfg.settings === 'inline') {
    // no settings request at all: the source's CDN settings are given here
    settings = {
      writeKey: cfg.writeKey,
      cdnURL: location.origin, // where the lazily loaded chunks would come from (none is loaded in this set-up)
      cdnSettings: {
        integrations: { 'Segment.io': { apiKey: cfg.writeKey, ...segmentio } },
        metrics: { sampleRate: 0 },
      },
    }
    options = { integrations: { 'Segment.io': segmentio } }
  } else if (cfg.settings === 'served') {
    // the settings are fetched, from <cdnURL>/v1/projects/<writeKey>/settings on the page's own server
    settings = { writeKey: cfg.writeKey, cdnURL: location.origin }
  } else {
    // 'default': the library's defaults (fetches https://cdn.segment.com/...): the driver must refuse it
    settings = { writeKey: cfg.writeKey }
  }

  const errors = []
  const [analytics] = await AnalyticsBrowser.load(settings, options)
  analytics.on('error', (e) => errors.push(`${e.code}: ${e.reason?.message ?? e.reason}`))
  status('loaded')

  const calls = []
  for (let i = 0; i < cfg.count; i++) {
    // --sequential: each call waits for the previous one to settle (delivered, or queued for retry)
    if (cfg.sequential && calls.length) await calls[calls.length - 1]
    const c = callFor(i)
    switch (c.type) {
      case 'track':
        calls.push(analytics.track(c.event, c.properties))
        break
      case 'identify':
        calls.push(analytics.identify(c.userId, c.traits))
        break
      case 'page':
        calls.push(analytics.page(c.category, c.name, c.properties))
        break
      case 'group':
        calls.push(analytics.group(c.groupId, c.traits))
        break
      case 'alias':
        calls.push(analytics.alias(c.userId, c.previousId, { context: c.context }))
        break
    }
  }
  status('called')
  return { called: calls.length, errors, settings: cfg.settings }
}
status('ready')
