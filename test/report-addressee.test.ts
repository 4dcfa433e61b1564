/**
 * Issue 4: where a report goes when the reporter does not say (`addressedTo`
 * left out): the installation's side, the only side, the side facing the
 * problem's economy, or nowhere (the reporter must choose).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoEmail } from '../src/demo/demo-users.js';
import { defaultAddressee, type SideCountry } from '../src/domain/reports/addressee.js';
import { testApp, type TestApp } from './helpers/app.js';

const USCN: SideCountry[] = [
  { dialogue: 'us-cn-ciwg', key: 'us', country: 'US' },
  { dialogue: 'us-cn-ciwg', key: 'cn', country: 'CN' },
];

describe('the rule', () => {
  it('1. the side the installation serves, when it is one on record', () => {
    assert.deepEqual(defaultAddressee(USCN, 'CN', 'cn'), { side: 'cn', rule: 'installation' });
    assert.deepEqual(defaultAddressee(USCN, 'JP', 'us'), { side: 'us', rule: 'installation' });
    // A configured side no dialogue has is passed over.
    assert.deepEqual(defaultAddressee(USCN, 'CN', 'eu'), { side: 'us', rule: 'economy' });
  });

  it('2. the only side', () => {
    assert.deepEqual(defaultAddressee([USCN[0]!], 'JP'), { side: 'us', rule: 'only-side' });
  });

  it('3. a problem in one side’s economy goes to the side facing it', () => {
    assert.deepEqual(defaultAddressee(USCN, 'CN'), { side: 'us', rule: 'economy' });
    assert.deepEqual(defaultAddressee(USCN, 'US'), { side: 'cn', rule: 'economy' });
    // Two dialogues of the United States, one with China and one with Japan: a problem in Japan goes to us.
    const three = [
      ...USCN,
      { dialogue: 'us-jp', key: 'us', country: 'US' },
      { dialogue: 'us-jp', key: 'jp', country: 'JP' },
    ];
    assert.deepEqual(defaultAddressee(three, 'JP'), { side: 'us', rule: 'economy' });
    // …but a problem in the United States faces both China and Japan: it cannot be told.
    assert.deepEqual(defaultAddressee(three, 'US'), { side: undefined });
  });

  it('4. otherwise none', () => {
    assert.deepEqual(defaultAddressee(USCN, 'JP'), { side: undefined });
    assert.deepEqual(defaultAddressee([], 'CN'), { side: undefined });
  });
});

describe('an installation configured for one side (PARLEY_SIDE=cn)', () => {
  let h: TestApp;
  before(async () => {
    h = await testApp({ reports: { side: 'cn' } });
  });
  after(async () => {
    await h?.close();
  });

  it('sends reports that do not say to its side, whatever the economy', async () => {
    const session = await h.app.inject({
      method: 'POST',
      url: '/api/v1/demo/session',
      payload: { email: demoEmail('cn', 'analyst') },
    });
    const cookie = String(session.headers['set-cookie']).split(';')[0]!;
    for (const economy of ['CN', 'US', 'JP']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: {
          language: 'zh',
          organisation: { name: '上海某公司', kind: 'company' },
          contact: { name: '王芳', email: 'wang.fang@example.cn' },
          consent: { shareWithCounterpart: false, shareWithPublic: false },
          economy,
          description: '审批要求不明确。',
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      const got = await h.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${(res.json() as { reference: string }).reference}`,
        headers: { cookie },
      });
      assert.equal(got.statusCode, 200, `${economy}: ${got.body}`);
      assert.equal((got.json() as { addressedTo: string }).addressedTo, 'cn');
    }
  });
});
