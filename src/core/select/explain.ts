// The selection as text for people: the verdict, the `tempest run` plan, every rule with why it
// fired or not, and (with --explain) which rule, step, regex and changed file chose each test.
import type { SelectResult } from './select.ts';

function shellQuote(arg: string): string {
  return /^[\w./=:,@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function renderSelectText(result: SelectResult, options: { explain?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`select: ${result.summary}`);
  if (result.conclusion === 'skip') out.push('  the gate is neutral: nothing runs, nothing fails');
  for (const [i, r] of result.run.entries()) {
    out.push(`  run ${i + 1}: tempest run ${r.args.map(shellQuote).join(' ')}   (${r.count} tests)`);
  }
  out.push('', 'rules:');
  for (const rule of result.rules) {
    const mark = rule.fired ? '+' : '-';
    const what = rule.fired ? ` -> ${rule.selected} tests` : '';
    const preset = rule.preset ? ` [preset ${rule.preset}]` : '';
    out.push(`  ${mark} ${rule.name}${preset}: ${rule.reason}${what}`);
    if (!rule.fired) continue;
    rule.steps.forEach((s, i) => {
      const attrs = [...s.attrs.map((a) => `attr ${a}`), ...s.excludeAttrs.map((a) => `not attr ${a}`)];
      const args = s.args.length ? s.args.map(shellQuote).join(' ') : '(all tests)';
      out.push(`      step ${i + 1}: ${args}${attrs.length ? ` [${attrs.join(', ')}]` : ''}: ${s.selected} selected`);
      for (const e of s.excluded) out.push(`        excluded ${e.count} by ${e.by} '${e.pattern}'`);
    });
  }
  if (options.explain && result.explanation) {
    out.push('', 'tests:');
    for (const t of result.explanation) {
      const why = t.chosenBy
        .map((c) => `${c.rule} step ${c.step}${c.filter ? ` by ${c.filter}` : ' (no filter: every test)'}${c.file ? ` for ${c.file}` : ''}`)
        .join('; ');
      out.push(`  ${t.test}  [${t.serial ? 'serial' : 'parallel'}] <- ${why}`);
    }
  }
  return `${out.join('\n')}\n`;
}
