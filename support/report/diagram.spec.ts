import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, expectedDiagramFromRows, renderSequenceDiagram, type DiagramModel } from './diagram';
import { parseExpectationTable } from '../matching/expectation';
import { fitText, textWidth, wrapText } from './textMetrics';

const count = (svg: string, re: RegExp): number => (svg.match(re) ?? []).length;

const consult: DiagramModel = {
  title: 'Bob consults Carol',
  lanes: [{ id: 'Alice', label: 'Alice\n7001' }, { id: 'Bob', label: 'Bob\n7002' }, { id: 'Carol', label: 'Carol\n7003' }],
  events: [
    { lane: 'Bob', label: 'EventDialing', connId: '$conn2', group: 1 },
    { lane: 'Carol', label: 'EventRinging', connId: '$conn2', group: 1 },
    { lane: 'Bob', label: 'EventHeld', connId: '$conn1', group: 2 },
  ],
};

test('one lane per participant and one event group per event, as a standalone svg', () => {
  const svg = renderSequenceDiagram(consult);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  assert.equal(count(svg, /<g class="lane"/g), 3);
  assert.equal(count(svg, /<g class="ev /g), 3);
  assert.doesNotMatch(svg, /<script|\sid="/, 'no scripts and no ids, so several diagrams can share a page');
});

test('events of one group share one row drawn as "any order"; other rows are separate', () => {
  const svg = renderSequenceDiagram(consult);
  assert.equal(count(svg, /<g class="row"/g), 2);
  assert.equal(count(svg, /class="any-order"/g), 1);
  assert.match(svg, /any order/);
});

test('the same ConnID has the same colour; different ConnIDs differ', () => {
  const svg = renderSequenceDiagram(consult);
  const colourOf = (conn: string): string[] =>
    [...svg.matchAll(new RegExp(`data-conn="\\${conn}"[\\s\\S]*?<rect[^>]*/><rect[^>]*fill="(#[0-9a-f]{6})"`, 'g'))].map((m) => m[1] ?? '');
  const two = colourOf('$conn2');
  const one = colourOf('$conn1');
  assert.equal(two.length, 2);
  assert.equal(two[0], two[1]);
  assert.equal(one.length, 1);
  assert.notEqual(one[0], two[0]);
});

test('every text is escaped', () => {
  const svg = renderSequenceDiagram({
    title: 'a <b> & "c"',
    lanes: [{ id: 'x"y', label: '<lane>' }],
    events: [{ lane: 'x"y', label: '<script>alert(1)</script>', connId: "'&'", note: 'k=<v>' }],
  });
  assert.doesNotMatch(svg, /<script>|<lane>|<b>|k=<v>/);
  assert.match(svg, /a &lt;b&gt; &amp; &quot;c&quot;/);
  assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});

test('characters XML 1.0 forbids (an ErrorMessage from the system under test) are shown, and the SVG stays well-formed', () => {
  const bad = 'Error\x01\x00x\x1f\uFFFE\uD800y\uDC00z';
  const svg = renderSequenceDiagram({ title: bad, lanes: [{ id: 'A', label: 'A' }], events: [{ lane: 'A', label: 'EventError', note: `ErrorMessage=${bad}` }] });
  // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids
  assert.doesNotMatch(svg, /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  assert.equal(escapeXml(bad), 'Error\u2401\u2400x\u241f\uFFFD\uFFFDy\uFFFDz');
  assert.equal(escapeXml('ok \t\n\r \uD83D\uDE00'), 'ok \t\n\r \uD83D\uDE00', 'tab, line breaks and paired surrogates stay');
});

test('statuses are styled and the first divergence is marked once', () => {
  const svg = renderSequenceDiagram({
    title: 'diff',
    lanes: [{ id: '7001', label: 'Alice' }],
    events: [
      { lane: '7001', label: 'EventDialing', status: 'observed' },
      { lane: '7001', label: 'EventRinging', status: 'missing' },
      { lane: '7001', label: 'EventHeld', status: 'unexpected' },
      { lane: '7002', label: 'EventAbandoned', status: 'divergent', note: 'CallState: expected Ok' },
    ],
  });
  assert.match(svg, /data-status="missing"[^]*?stroke-dasharray="5 3"/);
  assert.match(svg, /data-status="unexpected"[^]*?stroke="#e67e00"/);
  assert.equal(count(svg, /class="first-divergence"/g), 1);
  assert.match(svg, /data-lane="7002"/, 'an event on an undeclared lane gets a lane, never dropped');
  assert.equal(count(svg, /<g class="lane"/g), 2);
});

test('an empty diagram still renders', () => {
  const svg = renderSequenceDiagram({ title: 'nothing', lanes: [{ id: 'a', label: 'A' }], events: [] });
  assert.match(svg, /no events/);
});

test('expectedDiagramFromRows: lanes per party, steps as groups, $conn as ConnID, cells as notes', () => {
  const rows = parseExpectationTable([
    ['dn', 'event', 'step', 'ConnID', 'ThisDN', 'OtherDN', 'CallState'],
    ['Bob', 'EventDialing', '1', '$conn2', 'Bob', 'Carol *DIAL', ''],
    ['7003', 'EventRinging', '1', '$conn2', 'Carol', 'Bob', 'Ok'],
    ['Carol', 'EventEstablished', '2', '$conn2', 'Bob', 'Bob or absent', ''],
  ], { dnColumn: 'required' });
  const model = expectedDiagramFromRows(rows, [{ name: 'Alice', dn: '7001' }, { name: 'Bob', dn: '7002' }, { name: 'Carol', dn: '7003', kind: 'extension' }], { mode: 'total', title: 'T' });
  assert.deepEqual(model.lanes.map((l) => l.id), ['Alice', 'Bob', 'Carol']);
  assert.equal(model.lanes[2]?.label, 'Carol\n7003 · extension');
  assert.deepEqual(model.events.map((e) => [e.lane, e.label, e.group, e.connId]), [
    ['Bob', 'EventDialing', 1, '$conn2'],
    ['Carol', 'EventRinging', 1, '$conn2'],
    ['Carol', 'EventEstablished', 2, '$conn2'],
  ]);
  assert.equal(model.events[0]?.note, 'OtherDN: Carol *DIAL', 'ThisDN equal to the lane is not repeated');
  assert.equal(model.events[2]?.note, 'ThisDN: Bob\nOtherDN: Bob or absent');
  assert.match(model.caption ?? '', /in this order across DNs/);
});

test('expectedDiagramFromRows: a table without dn column uses the default party; "any" is one row', () => {
  const rows = parseExpectationTable([
    ['event', 'ReferenceID'],
    ['EventHeld', '$request'],
    ['EventRetrieved', ''],
  ], { dnColumn: 'forbidden' });
  const model = expectedDiagramFromRows(rows, ['Alice', 'Bob'], { mode: 'any', defaultDn: 'Bob' });
  assert.deepEqual(model.events.map((e) => [e.lane, e.group]), [['Bob', 1], ['Bob', 1]]);
  const svg = renderSequenceDiagram(model);
  assert.equal(count(svg, /<g class="row"/g), 1);
  assert.match(svg, /ReferenceID: \$request/);
});

test('colours are chosen by name: $call1 and Alice look the same in every diagram', () => {
  const stripe = (svg: string, conn: string): string | undefined => new RegExp(`data-conn="\\${conn}"[^]*?class="conn"[^>]*fill="(#[0-9a-f]{6})"`).exec(svg)?.[1];
  const header = (svg: string, lane: string): string | undefined => new RegExp(`data-lane="${lane}"><line[^>]*/><rect[^>]*fill="(#[0-9a-f]{6})"`).exec(svg)?.[1];
  const a = renderSequenceDiagram({ title: 'a', lanes: [{ id: 'Alice', label: 'Alice' }, { id: 'Bob', label: 'Bob' }], events: [{ lane: 'Alice', label: 'E', connId: '$call1' }, { lane: 'Bob', label: 'E', connId: '$call2' }] });
  const b = renderSequenceDiagram({ title: 'b', lanes: [{ id: 'Carol', label: 'Carol' }, { id: 'Alice', label: 'Alice' }], events: [{ lane: 'Carol', label: 'E', connId: '$call2' }, { lane: 'Alice', label: 'E', connId: '$call1' }] });
  assert.ok(stripe(a, '$call1'));
  assert.equal(stripe(a, '$call1'), stripe(b, '$call1'));
  assert.equal(stripe(a, '$call2'), stripe(b, '$call2'));
  assert.notEqual(stripe(a, '$call1'), stripe(a, '$call2'));
  assert.ok(header(a, 'Alice'));
  assert.equal(header(a, 'Alice'), header(b, 'Alice'));
});

test('a request is an arrow between lanes and a marker a rule across them; the named divergence is the one marked', () => {
  const svg = renderSequenceDiagram({
    title: 'r',
    lanes: [{ id: 's', label: 'Switch' }, { id: '7001', label: 'Alice\n7001' }],
    events: [
      { kind: 'marker', lane: '', label: '▶ When Alice answers' },
      { kind: 'request', lane: '7001', to: 's', label: 'RequestAnswerCall', note: 'ConnID=1' },
      { lane: '7001', label: 'EventRinging', status: 'missing' },
      { lane: '7001', label: 'EventEstablished', status: 'divergent' },
    ],
    firstDivergence: 3,
  });
  assert.match(svg, /<g class="req" data-lane="7001" data-to="s" data-request="RequestAnswerCall"/);
  assert.match(svg, /<path d="M[\d.]+ [\d.]+ l9 /, 'the arrow points left, to the switch');
  assert.match(svg, /class="marker" data-marker="▶ When Alice answers"/);
  assert.equal(count(svg, /class="first-divergence"/g), 1);
  assert.match(svg, /class="first-divergence"[^]*?data-event="EventEstablished"/);
  assert.doesNotMatch(svg, /class="first-divergence"[^]*?data-event="EventRinging"/);
});

test('long texts are cut to their box, and name=value breaks after the =', () => {
  const style = { size: 10.5 };
  assert.ok(textWidth('WWW', style) > textWidth('iii', style));
  const lines = wrapText('PreviousConnID=006b02a6f6e10001 CallState=Ok', 120, style);
  assert.deepEqual(lines.slice(0, 2), ['PreviousConnID=', '006b02a6f6e10001']);
  for (const l of lines) assert.ok(textWidth(l, style) <= 120, l);
  const cut = fitText('EventAttachedDataChanged'.repeat(3), 100, { size: 12, bold: true });
  assert.match(cut, /…$/);
  assert.ok(textWidth(cut, { size: 12, bold: true }) <= 100);
});
