// Runs the unmodified npm package @apigrate/autotask-restapi (exact version pinned in
// package.json) against the autotask-sim simulator. Start it through ./run.sh, which builds and
// starts the simulator and sets SIM_BASE_URL (e.g. http://127.0.0.1:PORT, no trailing slash).
//
// What the package does (read from node_modules/@apigrate/autotask-restapi/index.js, v2.0.1):
//
// * Zone discovery. On its first call it GETs
//     `${options.base_url}v${version}/zoneInformation?user=${encodeURIComponent(user)}`
//   with no credentials, keeps the JSON as `autotask.zoneInfo`, and sends every API request to
//     `${zoneInfo.url}V${version}/{Entity}...`
//   `options.base_url` is a documented constructor option (default
//   https://webservices.autotask.net/ATServicesRest/), so the simulator is reached WITHOUT any
//   interception: we pass base_url = `${SIM_BASE_URL}/atservicesrest/`. The lower-case spelling
//   is deliberate: the simulator answers with url = `${SIM_BASE_URL}/ATServicesRest/`, so the test
//   can tell from the request URLs that the package really switched to the discovered zone URL.
// * If the zone lookup fails, the package does not throw: it console.error()s
//   "Error fetching zone information: HTTP-<status>", leaves zoneInfo null and sends the API
//   request to base_url instead.
// * A non-2xx answer rejects with AutotaskApiError {status, details = parsed JSON body}; except
//   404, which resolves to null.
// * It has no paging helper: `query(search)` POSTs `search` verbatim to `{Entity}/query` and returns
//   the raw envelope. There is no public way to make it request an absolute nextPageUrl. So paging
//   is tested twice: (a) through the package, by re-querying with `id gt <last id>` (the
//   id-ordered keyset method the Autotask docs describe); (b) by following nextPageUrl outside the
//   package, replaying the exact request (method, headers, body) the package sent for page 1, as
//   Autotask requires (same method and body on the next URL).
//
// The test wraps globalThis.fetch in a pass-through recorder (it changes nothing in requests or
// responses). The package calls the global fetch, so the recorder sees every request it sends;
// this is used to check the URLs the package used and to show the exact exchange when an
// assertion fails.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AutotaskRestApi, AutotaskApiError, FilterOperators } from '@apigrate/autotask-restapi';

const BASE = (process.env.SIM_BASE_URL ?? '').replace(/\/+$/, '');
if (!BASE) {
  throw new Error('SIM_BASE_URL is not set; run tests/third-party/run.sh');
}
const USER = process.env.SIM_USERNAME ?? 'demo-api@zorus-demo.example';
const SECRET = process.env.SIM_SECRET ?? 'demo-secret';
const CODE = process.env.SIM_INTEGRATION_CODE ?? 'ZORUSDEMO0000000000000000000';

const ZONE_ENTRY = `${BASE}/atservicesrest/`; // given to the package as options.base_url
const EXPECTED_ZONE_URL = `${BASE}/ATServicesRest/`; // what the simulator documents as zone url
const PAGE = 10; // MaxRecords for the paging tests
const MISSING_ID = 987654321;

// ---------------------------------------------------------------------------------------------
// Pass-through fetch recorder.
const realFetch = globalThis.fetch;
const exchanges = [];
globalThis.fetch = async function recordingFetch(input, init = {}) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const entry = {
    method: (init.method ?? 'GET').toUpperCase(),
    url,
    headers: { ...(init.headers ?? {}) },
    body: init.body ?? null,
    status: null,
    responseText: null,
  };
  exchanges.push(entry);
  const response = await realFetch(input, init);
  entry.status = response.status;
  entry.responseText = await response.clone().text();
  return response;
};

function describeExchange(e) {
  const cut = (s, n = 600) => (s == null ? s : s.length > n ? `${s.slice(0, n)}…` : s);
  return `  ${e.method} ${e.url}${e.body ? `\n    request body: ${cut(e.body)}` : ''}\n    -> HTTP ${e.status} ${cut(e.responseText)}`;
}
function trail(mark) {
  const list = exchanges.slice(mark);
  return list.length ? `\nrequests sent by the package:\n${list.map(describeExchange).join('\n')}` : '\n(no requests recorded)';
}

/** Runs fn; returns its result, and on failure adds the recorded exchanges to the error message. */
async function withTrail(what, fn) {
  const mark = exchanges.length;
  try {
    return await fn(mark);
  } catch (err) {
    if (err instanceof AutotaskApiError || err?.code === 'ERR_ASSERTION') {
      err.message = `${what}: ${err.message}${trail(mark)}`;
    }
    throw err;
  }
}

function assertErrorsBody(details, ctx) {
  assert.ok(
    details !== null && typeof details === 'object' && Array.isArray(details.errors),
    `${ctx}: expected a JSON body {"errors":[...]}, got ${JSON.stringify(details)}`,
  );
  assert.ok(details.errors.length >= 1, `${ctx}: "errors" is empty`);
  for (const m of details.errors) {
    assert.equal(typeof m, 'string', `${ctx}: every entry of "errors" should be a string, got ${JSON.stringify(m)}`);
  }
}

/** Expects fn() to reject with AutotaskApiError whose status is one of `statuses` and whose body has errors. */
async function expectApiError(what, statuses, fn) {
  const mark = exchanges.length;
  let error = null;
  let value;
  try {
    value = await fn();
  } catch (err) {
    error = err;
  }
  const ctx = `${what}${trail(mark)}\n`;
  assert.ok(error, `${ctx}expected the call to reject, it resolved with ${JSON.stringify(value)}`);
  assert.ok(error instanceof AutotaskApiError, `${ctx}expected AutotaskApiError, got ${error?.stack ?? error}`);
  assert.ok(statuses.includes(error.status), `${ctx}expected HTTP ${statuses.join(' or ')}, got ${error.status}`);
  assertErrorsBody(error.details, ctx);
  return error;
}

function newClient({ user = USER, secret = SECRET, code = CODE } = {}) {
  return new AutotaskRestApi(user, secret, code, { base_url: ZONE_ENTRY });
}

// The client shared by the happy-path tests (created by the first test).
let autotask = null;
function client() {
  assert.ok(autotask, 'the zone discovery test did not create a client');
  return autotask;
}

// ---------------------------------------------------------------------------------------------

test('zone discovery: looks up the zone at base_url, then uses zoneInformation.url', async () => {
  await withTrail('zone discovery', async (mark) => {
    autotask = newClient();
    assert.equal(autotask.zoneInfo, null);
    const result = await autotask.Companies.get(0);
    assert.ok(result && result.item, `Companies/0 returned ${JSON.stringify(result)}`);

    const sent = exchanges.slice(mark);
    assert.equal(sent.length, 2, 'expected exactly: one zone lookup, one API call');
    const [zone, call] = sent;
    assert.equal(zone.method, 'GET');
    assert.equal(zone.url, `${ZONE_ENTRY}v1.0/zoneInformation?user=${encodeURIComponent(USER)}`);
    assert.equal(zone.status, 200);

    const info = autotask.zoneInfo;
    assert.ok(info && typeof info === 'object', `zoneInfo is ${JSON.stringify(info)}`);
    assert.equal(typeof info.zoneName, 'string');
    assert.ok(info.zoneName.length > 0, 'zoneName is empty');
    assert.equal(info.url, EXPECTED_ZONE_URL);
    assert.equal(typeof info.webUrl, 'string');
    assert.ok(Number.isInteger(info.ci), `ci should be an integer, got ${JSON.stringify(info.ci)}`);

    // The API call went to the discovered zone URL (differently cased than base_url).
    assert.equal(call.method, 'GET');
    assert.equal(call.url, `${EXPECTED_ZONE_URL}V1.0/Companies/0`);
    assert.equal(call.headers.UserName, USER);
    assert.equal(call.headers.Secret, SECRET);
    assert.equal(call.headers.ApiIntegrationcode, CODE);
    assert.equal(call.status, 200);

    // The zone is looked up once only.
    const before = exchanges.length;
    await autotask.Companies.get(0);
    assert.equal(exchanges.length - before, 1, 'the second call looked the zone up again');
  });
});

test('get by id: Companies/0 is the tenant\'s own company', async () => {
  await withTrail('Companies.get(0)', async () => {
    const result = await client().Companies.get(0);
    assert.ok(result && typeof result === 'object', `got ${JSON.stringify(result)}`);
    assert.ok(result.item, `expected {"item":{...}}, got ${JSON.stringify(result)}`);
    assert.equal(result.item.id, 0);
    assert.equal(typeof result.item.companyName, 'string');
    assert.ok(result.item.companyName.length > 0, 'own company has an empty companyName');
  });
});

test('get by id: a missing id answers HTTP 200 {"item":null}', async () => {
  await withTrail(`Companies.get(${MISSING_ID})`, async (mark) => {
    const result = await client().Companies.get(MISSING_ID);
    // The package turns a 404 into `null`, so this also fails if the simulator answered 404.
    assert.deepEqual(result, { item: null });
    const last = exchanges.slice(mark).at(-1);
    assert.equal(last.status, 200);
  });
});

// Filter shared by the paging tests: customer companies (companyType 1), all ids.
const customerFilter = [
  { op: FilterOperators.gte, field: 'id', value: 0 },
  { op: FilterOperators.eq, field: 'companyType', value: 1 },
];
let customerCount = null; // from query/count
let keysetIds = null; // ids collected by paging through the package
let firstPageExchange = null; // the package's own request for page 1, replayed on nextPageUrl

function checkPage(page, ctx) {
  assert.ok(page && Array.isArray(page.items), `${ctx}: expected {"items":[...]}, got ${JSON.stringify(page)?.slice(0, 300)}`);
  assert.ok(page.pageDetails && typeof page.pageDetails === 'object', `${ctx}: no pageDetails`);
  assert.ok(page.items.length <= PAGE, `${ctx}: ${page.items.length} items with MaxRecords ${PAGE}`);
  assert.equal(page.pageDetails.count, page.items.length, `${ctx}: pageDetails.count`);
  assert.equal(page.pageDetails.requestCount, PAGE, `${ctx}: pageDetails.requestCount`);
  for (const item of page.items) {
    assert.ok(Number.isInteger(item.id), `${ctx}: item without integer id: ${JSON.stringify(item).slice(0, 200)}`);
    assert.equal(item.companyType, 1, `${ctx}: company ${item.id} has companyType ${item.companyType}`);
  }
  const ids = page.items.map((i) => i.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `${ctx}: items are not in ascending id order`);
  return ids;
}

test('count: query/count with filters', async (t) => {
  await withTrail('Companies.count', async () => {
    const result = await client().Companies.count({ filter: customerFilter });
    assert.ok(result && Number.isInteger(result.queryCount), `expected {"queryCount":N}, got ${JSON.stringify(result)}`);
    // The small seed has about 50 companies, customers among them; the paging test needs > 2 pages.
    assert.ok(result.queryCount > 2 * PAGE, `only ${result.queryCount} customer companies; need more than ${2 * PAGE}`);
    customerCount = result.queryCount;

    const none = await client().Companies.count({
      filter: [{ op: FilterOperators.eq, field: 'id', value: MISSING_ID }],
    });
    assert.deepEqual(none, { queryCount: 0 });

    // The package README's own example: field name "Id" in another casing.
    const contacts = await client().Contacts.count({ filter: [{ op: 'gte', field: 'Id', value: 0 }] });
    assert.ok(contacts && Number.isInteger(contacts.queryCount), `got ${JSON.stringify(contacts)}`);
    assert.ok(contacts.queryCount > 0, 'no contacts counted');
    t.diagnostic(`customer companies: ${customerCount}, contacts: ${contacts.queryCount}`);
  });
});

test(`query: filtered query over several pages (MaxRecords ${PAGE}), paged through the package`, async (t) => {
  assert.ok(customerCount, 'count test failed earlier');
  await withTrail('Companies.query paging', async (mark) => {
    const c = client();
    const ids = [];
    let lastId = null;
    let pages = 0;
    for (;;) {
      const filter = lastId === null ? customerFilter : [...customerFilter, { op: FilterOperators.gt, field: 'id', value: lastId }];
      const page = await c.Companies.query({ filter, MaxRecords: PAGE });
      pages += 1;
      const ctx = `page ${pages}`;
      const pageIds = checkPage(page, ctx);
      if (pages === 1) {
        firstPageExchange = exchanges.slice(mark).find((e) => /\/Companies\/query$/.test(e.url));
        assert.equal(page.items.length, PAGE, `${ctx}: a full first page was expected`);
        assert.equal(page.pageDetails.prevPageUrl, null, `${ctx}: prevPageUrl`);
      }
      ids.push(...pageIds);
      const next = page.pageDetails.nextPageUrl;
      if (next === null || next === undefined || next === '') {
        break;
      }
      assert.equal(page.items.length, PAGE, `${ctx}: a page with a nextPageUrl must be full`);
      lastId = pageIds.at(-1);
      assert.ok(pages < 100, 'more than 100 pages; the loop does not end');
    }
    assert.ok(pages >= 3, `expected at least 3 pages, got ${pages}`);
    assert.equal(ids.length, customerCount, 'rows collected by paging differ from query/count');
    assert.equal(new Set(ids).size, ids.length, 'an id was returned twice');
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ids are not ascending across pages');
    keysetIds = ids;
    t.diagnostic(`${pages} pages, ${ids.length} rows`);
  });
});

test('query: nextPageUrl chain, replaying the package\'s page-1 request (same method, headers, body)', async (t) => {
  assert.ok(keysetIds && firstPageExchange, 'the paging test failed earlier');
  const first = firstPageExchange;
  assert.equal(first.method, 'POST');
  const firstPage = JSON.parse(first.responseText);
  const ids = [...checkPage(firstPage, 'page 1')];
  let next = firstPage.pageDetails.nextPageUrl;
  const seen = new Set();
  let pages = 1;
  while (next) {
    assert.ok(!seen.has(next), `nextPageUrl repeats: ${next}`);
    seen.add(next);
    const url = new URL(next); // throws if it is not absolute
    assert.equal(url.origin, new URL(BASE).origin, `nextPageUrl on another host: ${next}`);
    assert.match(url.pathname, /\/V1\.0\/Companies\/query\/next$/i, `unexpected nextPageUrl path: ${next}`);
    const response = await realFetch(next, { method: first.method, headers: first.headers, body: first.body });
    const text = await response.text();
    pages += 1;
    const ctx = `page ${pages}: POST ${next} (body ${first.body}) -> HTTP ${response.status} ${text.slice(0, 400)}`;
    assert.equal(response.status, 200, ctx);
    const page = JSON.parse(text);
    ids.push(...checkPage(page, ctx));
    if (page.pageDetails.nextPageUrl) {
      assert.equal(page.items.length, PAGE, `${ctx}: a page with a nextPageUrl must be full`);
    }
    // prevPageUrl: the reference only says "null or a string" and that no client uses it, so it is
    // reported, not asserted.
    if (pages === 2) {
      t.diagnostic(`prevPageUrl on page 2: ${JSON.stringify(page.pageDetails.prevPageUrl)}`);
    }
    next = page.pageDetails.nextPageUrl;
    assert.ok(pages < 100, 'more than 100 pages; the chain does not end');
  }
  assert.ok(pages >= 3, `expected at least 3 pages, got ${pages}`);
  assert.deepEqual(ids, keysetIds, 'nextPageUrl pages differ from the id-keyset pages');
});

test('query: README example with includeFields (lower-case key, field "Id")', async () => {
  await withTrail('Companies.query includeFields', async () => {
    const result = await client().Companies.query({
      filter: [{ op: FilterOperators.eq, field: 'id', value: 0 }],
      includeFields: ['Id', 'companyName', 'city', 'state'],
    });
    assert.ok(result && Array.isArray(result.items), `got ${JSON.stringify(result)}`);
    assert.equal(result.items.length, 1);
    const [item] = result.items;
    assert.equal(item.id, 0);
    assert.equal(typeof item.companyName, 'string');
    const allowed = new Set(['id', 'companyname', 'city', 'state', 'userdefinedfields']);
    const extra = Object.keys(item).filter((k) => !allowed.has(k.toLowerCase()));
    assert.deepEqual(extra, [], 'fields outside includeFields were returned');
  });
});

// ---------------------------------------------------------------------------------------------
// Contacts: create, PATCH, PUT, DELETE through Companies/{companyId}/Contacts (CompanyContacts).

let parentCompanyId = null;
let contactId = null;
let contactDeleted = false;
const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const lastName = `Testington-${unique}`;
const email = `tester.${unique}@example.com`;

after(async () => {
  // Best effort: do not leave the contact behind if a middle step failed.
  if (autotask && contactId && !contactDeleted) {
    try {
      await autotask.CompanyContacts.delete(parentCompanyId, contactId);
    } catch {
      /* reported by the failing test already */
    }
  }
});

async function getContact(id) {
  const result = await client().Contacts.get(id);
  assert.ok(result && typeof result === 'object', `Contacts.get(${id}) returned ${JSON.stringify(result)}`);
  return result.item;
}

test('contacts: create under a customer company', async () => {
  await withTrail('CompanyContacts.create', async () => {
    const c = client();
    const page = await c.Companies.query({
      filter: [...customerFilter, { op: FilterOperators.gt, field: 'id', value: 0 }],
      MaxRecords: 1,
    });
    assert.ok(page?.items?.length === 1, `no customer company found: ${JSON.stringify(page)}`);
    parentCompanyId = page.items[0].id;

    const before = exchanges.length;
    const result = await c.CompanyContacts.create(parentCompanyId, {
      companyID: parentCompanyId,
      firstName: 'Tester',
      middleInitial: 'X',
      lastName,
      emailAddress: email,
      isActive: 1,
    });
    const post = exchanges[before];
    assert.equal(post.method, 'POST');
    assert.equal(post.url, `${EXPECTED_ZONE_URL}V1.0/Companies/${parentCompanyId}/Contacts`);
    assert.ok(result && Number.isInteger(result.itemId) && result.itemId > 0, `expected {"itemId":N>0}, got ${JSON.stringify(result)}`);
    contactId = result.itemId;

    const item = await getContact(contactId);
    assert.ok(item, 'the created contact is not found by id');
    assert.equal(item.id, contactId);
    assert.equal(item.companyID, parentCompanyId);
    assert.equal(item.firstName, 'Tester');
    assert.equal(item.middleInitial, 'X');
    assert.equal(item.lastName, lastName);
    assert.equal(item.emailAddress, email);
    assert.equal(item.isActive, 1, 'Contacts.isActive must be the integer 1');

    const found = await c.Contacts.query({ filter: [{ op: FilterOperators.eq, field: 'lastName', value: lastName }] });
    assert.deepEqual(found?.items?.map((i) => i.id), [contactId], 'query by lastName');
  });
});

test('contacts: PATCH (update) changes only the fields sent', async () => {
  assert.ok(contactId, 'create failed earlier');
  await withTrail('CompanyContacts.update', async () => {
    const result = await client().CompanyContacts.update(parentCompanyId, { id: contactId, firstName: 'Ingrid' });
    assert.deepEqual(result, { itemId: contactId });
    const item = await getContact(contactId);
    assert.ok(item, 'contact vanished after PATCH');
    assert.equal(item.firstName, 'Ingrid');
    assert.equal(item.middleInitial, 'X');
    assert.equal(item.lastName, lastName);
    assert.equal(item.emailAddress, email);
    assert.equal(item.companyID, parentCompanyId);
    assert.equal(item.isActive, 1);
  });
});

test('contacts: PUT (replace) nulls the writable fields it omits', async () => {
  assert.ok(contactId, 'create failed earlier');
  await withTrail('CompanyContacts.replace', async () => {
    const result = await client().CompanyContacts.replace(parentCompanyId, {
      id: contactId,
      title: 'Commander',
      firstName: 'William',
      lastName: 'Adama',
      isActive: 1,
    });
    assert.deepEqual(result, { itemId: contactId });
    const item = await getContact(contactId);
    assert.ok(item, 'contact vanished after PUT');
    assert.equal(item.id, contactId);
    assert.equal(item.title, 'Commander');
    assert.equal(item.firstName, 'William');
    assert.equal(item.lastName, 'Adama');
    assert.equal(item.middleInitial, null, 'middleInitial omitted from the PUT must become null');
    assert.equal(item.emailAddress, null, 'emailAddress omitted from the PUT must become null');
    assert.equal(item.isActive, 1);
    assert.equal(item.companyID, parentCompanyId, 'companyID is read-only and must survive the PUT');
  });
});

test('contacts: DELETE, then get by id gives {"item":null}', async () => {
  assert.ok(contactId, 'create failed earlier');
  await withTrail('CompanyContacts.delete', async (mark) => {
    const result = await client().CompanyContacts.delete(parentCompanyId, contactId);
    const del = exchanges[mark];
    assert.equal(del.method, 'DELETE');
    assert.equal(del.url, `${EXPECTED_ZONE_URL}V1.0/Companies/${parentCompanyId}/Contacts/${contactId}`);
    assert.deepEqual(result, { itemId: contactId });
    contactDeleted = true;
    assert.deepEqual(await client().Contacts.get(contactId), { item: null });
    const count = await client().Contacts.count({ filter: [{ op: FilterOperators.eq, field: 'id', value: contactId }] });
    assert.deepEqual(count, { queryCount: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Errors, as the package surfaces them.

test('errors: a create without the required companyName gives HTTP 500 with errors (and the same body with it succeeds)', async () => {
  const c = client();
  const resources = await withTrail('Resources.query', () =>
    c.Resources.query({ filter: [{ op: FilterOperators.gte, field: 'id', value: 0 }], MaxRecords: 1 }),
  );
  assert.ok(resources?.items?.length === 1, `no resource found for ownerResourceID: ${JSON.stringify(resources)}`);
  // PascalCase property names, exactly as in the package README.
  const company = { CompanyType: 1, Phone: '8005551212', OwnerResourceID: resources.items[0].id };
  await expectApiError('Companies.create without CompanyName', [500], () => c.Companies.create(company));

  // Control: the same body plus CompanyName is accepted, so the 500 above was about CompanyName.
  const name = `Sirius Cybernetics ${unique}`;
  const created = await withTrail('Companies.create with CompanyName', () => c.Companies.create({ ...company, CompanyName: name }));
  assert.ok(created && Number.isInteger(created.itemId) && created.itemId > 0, `got ${JSON.stringify(created)}`);
  const { item } = await c.Companies.get(created.itemId);
  assert.ok(item, 'created company not found');
  assert.equal(item.companyName, name);
  assert.equal(item.companyType, 1);
});

test('errors: a wrong secret gives HTTP 401 with errors', async () => {
  const bad = newClient({ secret: `${SECRET}bad` });
  await expectApiError('wrong secret', [401], () => bad.Companies.get(0));
  // The zone lookup needs no credentials, so it still worked.
  assert.equal(bad.zoneInfo?.url, EXPECTED_ZONE_URL);
});

test('errors: a wrong integration code gives HTTP 500 with errors', async (t) => {
  const bad = newClient({ code: `${CODE}bad` });
  const err = await expectApiError('wrong integration code', [500], () => bad.Companies.get(0));
  assert.equal(bad.zoneInfo?.url, EXPECTED_ZONE_URL);
  // Informational: the package README quotes the real tenant's text "IntegrationCode is invalid.".
  t.diagnostic(`simulator errors: ${JSON.stringify(err.details.errors)}`);
});

test('errors: an unknown username fails at zone lookup with HTTP 500 and errors', async (t) => {
  const user = `nobody-${unique}@unknown.example`;
  const bad = newClient({ user });
  const mark = exchanges.length;
  const logged = [];
  const realConsoleError = console.error;
  console.error = (...args) => logged.push(args.map(String).join(' '));
  let err;
  try {
    // The package swallows the zone failure (logs it, keeps zoneInfo null), then sends the API
    // request to base_url with the same unknown user, which must be rejected too.
    err = await expectApiError('unknown username (API call after the failed zone lookup)', [401, 500], () => bad.Companies.get(0));
  } finally {
    console.error = realConsoleError;
  }
  const ctx = trail(mark);
  const zone = exchanges[mark];
  assert.equal(zone.method, 'GET', ctx);
  assert.equal(zone.url, `${ZONE_ENTRY}v1.0/zoneInformation?user=${encodeURIComponent(user)}`, ctx);
  assert.equal(zone.status, 500, `zone lookup status${ctx}`);
  let zoneBody;
  assert.doesNotThrow(() => (zoneBody = JSON.parse(zone.responseText)), `zone lookup body is not JSON${ctx}`);
  assertErrorsBody(zoneBody, `zone lookup${ctx}`);
  assert.ok(
    zoneBody.errors.some((m) => /Zone information could not be determined/i.test(m)),
    `zone lookup errors should say "Zone information could not be determined"${ctx}`,
  );
  // How the package surfaces it.
  assert.equal(bad.zoneInfo, null, 'zoneInfo must stay null after a failed lookup');
  assert.ok(
    logged.some((l) => l.includes('Error fetching zone information: HTTP-500')),
    `the package should log the zone failure with HTTP-500; it logged: ${JSON.stringify(logged)}`,
  );
  const call = exchanges[mark + 1];
  assert.equal(call.url, `${ZONE_ENTRY}V1.0/Companies/0`, `fallback request${ctx}`);
  t.diagnostic(`API call with the unknown user after the failed lookup: HTTP ${err.status} ${JSON.stringify(err.details)}`);
});
