// Fails when src/types/api.gen.ts is not what openapi-typescript makes of openapi/schema.yaml.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src/types/api.gen.ts");
const scratch = mkdtempSync(join(tmpdir(), "mbc-api-types-"));
const fresh = join(scratch, "api.gen.ts");

try {
  execFileSync(
    process.execPath,
    [join(root, "node_modules/openapi-typescript/bin/cli.js"), join(root, "openapi/schema.yaml"), "-o", fresh],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
    console.error(
      "src/types/api.gen.ts is stale: it does not match openapi/schema.yaml.\nRun `npm run gen:api-types` and commit the result.",
    );
    process.exit(1);
  }
  console.log("src/types/api.gen.ts matches openapi/schema.yaml.");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
