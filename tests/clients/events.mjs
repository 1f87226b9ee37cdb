// The deterministic calls both senders make: call i (0-based) is a pure function of i.
// Loaded by node-sender.mjs and, as an ES module served by browser-sender.mjs, by the test page.
// Every call carries i as `seq`: properties.seq (track, page), traits.seq (identify, group),
// context.seq (alias, which has neither); userId is always `user-<i>`.

export const TYPES = ['track', 'identify', 'page', 'group', 'alias']

export function callFor(i) {
  const type = TYPES[i % TYPES.length]
  const userId = `user-${i}`
  switch (type) {
    case 'track':
      return {
        type,
        userId,
        event: 'Order Completed',
        properties: { seq: i, order_id: `order-${i}`, revenue: (i % 100) + 0.5, currency: 'USD' },
      }
    case 'identify':
      return {
        type,
        userId,
        traits: { seq: i, email: `user-${i}@example.com`, firstName: `First${i}`, lastName: 'Tester', plan: i % 2 ? 'pro' : 'free' },
      }
    case 'page':
      return { type, userId, category: 'Docs', name: `Page ${i}`, properties: { seq: i, section: 'docs' } }
    case 'group':
      return {
        type,
        userId,
        groupId: `group-${i}`,
        traits: { seq: i, name: `Company ${i}`, email: `billing-${i}@example.com`, industry: 'Software', employees: 10 + (i % 50) },
      }
    case 'alias':
      return { type, userId, previousId: `anon-${i}`, context: { seq: i } }
  }
  throw new Error(`no call type for ${i}`)
}

// The seq of a Segment event as it arrives on the wire (null when it has none).
export function seqOf(ev) {
  if (!ev || typeof ev !== 'object') return null
  const s = ev.properties?.seq ?? ev.traits?.seq ?? ev.context?.seq
  if (typeof s === 'number') return s
  if (ev.type === 'alias' && typeof ev.userId === 'string') {
    const m = /^user-(\d+)$/.exec(ev.userId)
    if (m) return Number(m[1])
  }
  return null
}
