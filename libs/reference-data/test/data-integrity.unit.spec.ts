import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFileUrl } from '../src/index.js';

// The shipped files are byte-identical copies of their sources (see data/README.md). A formatter
// or editor that rewrites one (prettier reflows the JSON files) breaks provenance: restore the
// file from its source and keep `libs/reference-data/data/` in .prettierignore.
const SHA256: Readonly<Record<string, string>> = {
  'ccs/cat-level1.csv': '91abf8f5243c70aed988a860c195119c4328ae7c8190de25005f46bfac8e36c9',
  'ccs/cat-level2.csv': '85f8ffcb2c20409be67abdf3b9072e360bebb4a511dc6602943573bc666dee1e',
  'ccs/cat-level3.csv': '6a0c94af4982a35f7adf23c5d67dd767f65b70480cb77f36129e7599b3ecbc24',
  'hs/harmonized-system.csv': 'e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5',
  'hs/sections.csv': '96313884a3c7ef5182d20f25ce73a34c2763c1d26ac5992d66460a3c32bae782',
  'ics/ICS-simple.xml': '6e243e0a0eddce65ede04b7c8acb04a4f5bd958fd48f097bf405be75389ec1c9',
  'iso/deliverable-62085.json': '2b71db9f1f897a50427584d359ccbc9cd0faeff6b1d7b8049a610e3d869c80ee',
  'iso/deliverables-sample.jsonl': '564870a5fc514087cc20a70c66cddc7b3c8492e9670214c41dbad5e918fffec9',
  'iso/harmonized-stage-codes.json': 'f5c09c629324de7865a6fab587ab8ced71e31953947dd486090089e90bb2172f',
  'iso/iso_technical_committees.jsonl': '7c79e1cea36eb6bb78abdd3f72e7514c4cb5741590d94dddb328620888c8f4eb',
};

describe('shipped data files', () => {
  it.each(Object.entries(SHA256))('%s is the unmodified upstream copy', (file, sha256) => {
    const actual = createHash('sha256')
      .update(readFileSync(dataFileUrl(file)))
      .digest('hex');
    expect(actual, `${file} was modified; restore it from its source (data/README.md)`).toBe(sha256);
  });
});
