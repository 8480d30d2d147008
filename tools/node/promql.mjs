// Parses PromQL expressions with the Prometheus project's own grammar (@prometheus-io/lezer-promql, the parser
// of Prometheus' web UI) for the .NET tests. Input on stdin: a JSON array of expressions. Output on stdout: a
// JSON array, one entry per expression: the syntax errors (offsets) and every vector selector with its metric
// name and label matchers, so the tests check names and labels on the parsed tree, not on the text.
import { parser } from '@prometheus-io/lezer-promql';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const expressions = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const unquote = (literal) => JSON.parse(literal.startsWith("'") ? '"' + literal.slice(1, -1).replace(/"/g, '\\"') + '"' : literal.startsWith('`') ? JSON.stringify(literal.slice(1, -1)) : literal);

const results = expressions.map((expr) => {
  const tree = parser.parse(expr);
  const errors = [];
  const selectors = [];
  const functions = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push({ from: node.from, to: node.to });
        return;
      }
      if (node.name === 'FunctionIdentifier') functions.push(expr.slice(node.from, node.to));
      if (node.name !== 'VectorSelector') return;
      const selector = { metric: null, matchers: [] };
      const cursor = node.node.cursor();
      cursor.firstChild();
      do {
        if (cursor.name === 'Identifier') selector.metric = expr.slice(cursor.from, cursor.to);
        if (cursor.name === 'LabelMatchers') {
          const matchers = cursor.node.getChildren('UnquotedLabelMatcher').concat(cursor.node.getChildren('QuotedLabelMatcher'));
          for (const m of matchers) {
            const label = m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
            const op = m.getChild('MatchOp');
            const value = m.getChild('StringLiteral');
            if (!label || !op || !value) continue; // an incomplete matcher is a syntax error, reported above
            selector.matchers.push({
              label: label.name === 'LabelName' ? expr.slice(label.from, label.to) : unquote(expr.slice(label.from, label.to)),
              op: expr.slice(op.from, op.to),
              value: unquote(expr.slice(value.from, value.to)),
            });
          }
          const bare = cursor.node.getChildren('QuotedLabelName');
          for (const b of bare) selector.metric = unquote(expr.slice(b.from, b.to));
        }
      } while (cursor.nextSibling());
      selectors.push(selector);
    },
  });
  return { expr, errors, selectors, functions };
});
process.stdout.write(JSON.stringify(results));
