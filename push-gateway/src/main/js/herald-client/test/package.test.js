// The package describes what it ships: package.json's entry points exist, and
// index.d.ts declares every option the client reads and every export and public member,
// and nothing the client does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';

import * as client from '../herald-client.js';

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json'));
const source = read('herald-client.js');
const types = read('index.d.ts');

/** The members declared in one `interface` or `class` block of index.d.ts. */
function declared(kind, name) {
  const block = new RegExp(`${kind} ${name}[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(types);
  assert.ok(block, `index.d.ts declares ${kind} ${name}`);
  return [...block[1].matchAll(/^ {2}(?:readonly )?(\w+)\??[(:<]/gm)].map((m) => m[1]);
}

test('package.json names an ES module whose entry points exist', () => {
  assert.equal(pkg.name, 'herald-client');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'].default, './herald-client.js');
  assert.equal(pkg.exports['.'].types, './index.d.ts');
  for (const file of pkg.files) assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), file);
  assert.equal(client.VERSION, pkg.version);
  assert.match(read('CHANGELOG.md'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')} `));
});

test('index.d.ts declares every export', () => {
  for (const name of Object.keys(client)) {
    assert.match(types, new RegExp(`export declare (const|class|function) ${name}\\b`), name);
  }
  for (const [name, code] of Object.entries(client.CloseCode)) assert.match(types, new RegExp(`${name}: ${code};`));
});

test('index.d.ts declares every option the client reads, and no other', () => {
  const read = new Set([...source.matchAll(/options\.(\w+)/g)].map((m) => m[1]));
  assert.deepEqual(new Set(declared('interface', 'HeraldClientOptions')), read);
});

test("the class's declared members are the client's public ones", () => {
  const members = declared('class', 'HeraldClient').filter((m) => m !== 'constructor');
  const instance = new client.HeraldClient({ url: 'http://x', tokenProvider: () => 't' });
  for (const member of members) assert.ok(member in instance, `HeraldClient has ${member}`);
  assert.deepEqual(members.sort(),
    ['lastSeq', 'markAllRead', 'markRead', 'markSeen', 'start', 'status', 'stop', 'transportName']);
});
