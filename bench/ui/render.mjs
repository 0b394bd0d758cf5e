// The live page with a world of COUNT resources (issue 20: 10,000 render in under 2 s in headless
// Chromium): COUNT / 2 instances (each with its root volume) launched over the Query API, then the
// page loaded and timed until it has drawn (body[data-version] is set after the first draw).
// Baseline, same run: fetching and parsing the page's JSON (GET /_amisim/timeline) in the page.
//
// usage: node render.mjs ENDPOINT CHROMIUM IMAGE_ID [COUNT]
// puppeteer-core comes from tests/e2e/browser (its lockfile; `make bench` installs it).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "..", "tests", "e2e", "browser", "package.json"));
const puppeteer = require("puppeteer-core");

const [endpoint, chromium, image, countText] = process.argv.slice(2);
const count = Number(countText || 10000);
const perCall = 50;
const zones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"];

async function query(body) {
  const r = await fetch(endpoint + "/", {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body,
  });
  if (!r.ok) throw new Error(`${body.slice(0, 60)}: ${r.status} ${await r.text()}`);
}

const launches = Math.ceil(count / 2 / perCall);
for (let i = 0; i < launches; i++) {
  await query(`Action=RunInstances&Version=2016-11-15&ImageId=${image}&InstanceType=t3.micro` +
              `&MinCount=${perCall}&MaxCount=${perCall}&Placement.AvailabilityZone=${zones[i % zones.length]}`);
}
const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const start = Date.now();
    await page.goto(endpoint + "/_amisim/ui");
    await page.waitForSelector("body[data-version]", { timeout: 120000 });
    const drawn = Date.now() - start;
    const bars = await page.$$eval(".bar", (gs) => gs.length);
    const json = await page.evaluate(async () => {
      const t0 = performance.now();
      const r = await fetch("/_amisim/timeline");
      await r.json();
      return performance.now() - t0;
    });
    runs.push({ drawn, json, bars });
    await page.close();
  }
  runs.sort((a, b) => a.drawn - b.drawn);
  const median = runs[1];
  console.log(`page with ${median.bars} resources drawn (median of 3, ms) ${median.drawn} | ` +
              `baseline the timeline JSON fetched and parsed in the page ${median.json.toFixed(0)} | ` +
              `ratio ${(median.drawn / median.json).toFixed(2)} | target <= 2000 ms`);
} finally {
  await browser.close();
}
