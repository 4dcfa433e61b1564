/** The meeting cycle's pages (issue 5): their paths and links. */
const seg = encodeURIComponent;

export const cycleRoutes = {
  dashboard: '/dialogues/:key/dashboard',
  planMeeting: '/dialogues/:key/plan-meeting',
  agenda: '/dialogues/:key/meetings/:number/agenda',
  compare: '/dialogues/:key/meetings/:number/compare',
  recordAccount: '/dialogues/:key/meetings/:number/record',
  outcomes: '/dialogues/:key/outcomes',
  /** The dialogue's charts (issue 7), linked from the dialogue page with the cycle's pages. */
  analytics: '/dialogues/:key/analytics',
} as const;

export const cycleLinks = {
  dashboard: (key: string) => `/dialogues/${seg(key)}/dashboard`,
  planMeeting: (key: string) => `/dialogues/${seg(key)}/plan-meeting`,
  agenda: (key: string, number: number) => `/dialogues/${seg(key)}/meetings/${number}/agenda`,
  compare: (key: string, number: number) => `/dialogues/${seg(key)}/meetings/${number}/compare`,
  recordAccount: (key: string, number: number) => `/dialogues/${seg(key)}/meetings/${number}/record`,
  outcomes: (key: string) => `/dialogues/${seg(key)}/outcomes`,
  analytics: (key: string) => `/dialogues/${seg(key)}/analytics`,
};
