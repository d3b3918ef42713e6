// docs/openapi.yaml is valid OpenAPI 3.1 (checked by @readme/openapi-parser,
// a real validator), every route of `qcity serve --routes` is documented
// with its method, and every documented path and method is a route.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
// 2.7 is the newest release whose engines allow Debian 12's Node 18; it is
// CommonJS (static methods on the default export) and validate() throws on
// an invalid document (later releases resolve to { valid, errors }).
import OpenAPIParser from '@readme/openapi-parser';

const { QCITY, SRC } = process.env;
const file = join(SRC, 'docs/openapi.yaml');
try {
  await OpenAPIParser.validate(file);
} catch (e) {
  throw new Error(`docs/openapi.yaml is not valid OpenAPI:\n${e.message}`);
}
const doc = await OpenAPIParser.parse(file);
assert.equal(doc.openapi.slice(0, 3), '3.1');
console.log('ok 1 - docs/openapi.yaml validates as OpenAPI 3.1');

const routes = execFileSync(QCITY, ['serve', '--routes']).toString().trim().split('\n')
  .map((l) => l.split('\t')).map(([method, path]) => `${method.toLowerCase()} ${path.replace(/\{(\w+)\}/g, '{$1}')}`);
const documented = [];
for (const [path, item] of Object.entries(doc.paths))
  for (const m of ['get', 'post', 'put', 'patch', 'delete'])
    if (item[m]) documented.push(`${m} ${path}`);
const missing = routes.filter((r) => !documented.includes(r));
const extra = documented.filter((d) => !routes.includes(d));
assert.deepEqual(missing, [], `routes not documented in docs/openapi.yaml: ${missing.join(', ')}`);
assert.deepEqual(extra, [], `documented but not routes: ${extra.join(', ')}`);
console.log(`ok 2 - the ${routes.length} routes and the documented paths agree`);
