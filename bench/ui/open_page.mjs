// Holds the live page open in headless Chromium for SECONDS (bench/http/picture_cost.sh's
// "browser-page" variant: what an open page costs a server under load), then prints how many
// times the page redrew and whether its news came over the event stream.
//
// usage: node open_page.mjs ENDPOINT CHROMIUM SECONDS
// puppeteer-core comes from tests/e2e/browser (its lockfile; `make bench` installs it).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "..", "tests", "e2e", "browser", "package.json"));
const puppeteer = require("puppeteer-core");

const [endpoint, chromium, secondsText] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  let timelines = 0;
  page.on("request", (req) => { if (new URL(req.url()).pathname === "/_amisim/timeline") timelines++; });
  await page.goto(endpoint + "/_amisim/ui", { waitUntil: "load" });
  await page.waitForSelector('body[data-live="stream"]', { timeout: 10000 });
  console.log("PAGE-READY");
  await new Promise((done) => setTimeout(done, Number(secondsText) * 1000));
  const live = await page.$eval("body", (b) => b.dataset.live);
  console.log(`PAGE timeline_fetches=${timelines} live=${live}`);
} finally {
  await browser.close();
}
