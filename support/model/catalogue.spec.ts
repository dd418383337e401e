/**
 * Names from logs and feature tables are looked up in the catalogue's tables: a name that happens
 * to be an Object.prototype member is an unknown name like any other, never a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKnownEvent, lookupAttribute, protocolsOf } from './catalogue';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'Attributeconstructor'];

test('a spelling that is an Object.prototype member is an unknown attribute', () => {
  for (const name of PROTOTYPE_NAMES) assert.equal(lookupAttribute(name), undefined, name);
  assert.equal(lookupAttribute('AttributeThisDN')?.name, 'ThisDN', 'known spellings still resolve');
  assert.equal(lookupAttribute('connection id')?.name, 'ConnID', 'aliases still resolve');
});

test('an event name that is an Object.prototype member belongs to no protocol', () => {
  for (const name of PROTOTYPE_NAMES) {
    assert.equal(isKnownEvent(name), false, name);
    assert.deepEqual(protocolsOf(name), [], name);
  }
  assert.deepEqual(protocolsOf('EventRinging'), ['T-Library']);
});
