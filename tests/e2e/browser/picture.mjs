// The live page (GET /_amisim/ui) in headless Chromium, driven by puppeteer-core (issue 20):
// it loads with no console error and no request leaving amisim; an instance launched through
// boto3 appears in its Region's lane within a second; the page's clock button changes its state;
// CreateImage and CopyImage draw lineage arrows with the right IDs; clicking a call marks what it
// changed; the page's bill total is GET /_amisim/billing's; all news came over one event stream.
// Screenshots go to ARTIFACTS.
//
// usage: node picture.mjs ENDPOINT CHROMIUM ARTIFACTS_DIR
// boto3 calls are made by ../boto3_step.py (a child process), so the page is driven by the same
// client users' scripts are.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check, finish, launch, watchedPage } from "./support.mjs";

const [endpoint, chromium, artifacts] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const host = new URL(endpoint).host;

function boto3(...args) {
  const out = execFileSync("python3", [path.join(here, "..", "boto3_step.py"), endpoint, ...args],
                           { encoding: "utf8", env: process.env, timeout: 60000 });
  return JSON.parse(out);
}

async function control(method, route, body) {
  const r = await fetch(endpoint + route, {
    method, headers: { "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return r.json();
}

mkdirSync(artifacts, { recursive: true });
const browser = await launch(chromium);
try {
  const errors = [], foreign = [];
  const page = await watchedPage(browser, errors);
  await page.setRequestInterception(true);
  const newsAsks = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.pathname === "/_amisim/events") newsAsks.push(req.resourceType());
    if (url.protocol !== "data:" && url.host !== host) {
      foreign.push(req.url());
      req.abort();
    } else {
      req.continue();
    }
  });

  await control("POST", "/_amisim/clock", { mode: "manual" });
  await page.goto(endpoint + "/_amisim/ui", { waitUntil: "load" });
  await page.waitForSelector("body[data-version]");
  check(await page.$eval("#advance", (e) => !e.hidden), "manual mode shows the advance buttons");
  await page.waitForSelector('body[data-live="stream"]', { timeout: 5000 });

  const { InstanceId: instance } = boto3("run", "us-east-1");
  const t0 = Date.now();
  const bar = `.lane[data-lane="123456789012/us-east-1"] .bar[data-id="${instance}"]`;
  await page.waitForSelector(bar, { timeout: 5000 });
  const seen = Date.now() - t0;
  check(seen <= 1000, `the instance's bar is in us-east-1's lane ${seen} ms after RunInstances (<= 1000)`);
  const lastState = () => page.$eval(bar, (g) => [...g.querySelectorAll("rect")].pop().dataset.state);
  check(await lastState() === "pending", "its bar ends pending before the clock moves");

  await page.click('#advance button[data-seconds="600"]');
  await page.waitForFunction((sel) => {
    const rects = document.querySelectorAll(sel + " rect");
    return rects.length && rects[rects.length - 1].dataset.state === "running";
  }, { timeout: 5000 }, bar);
  check(await lastState() === "running", "after +10 min in manual mode it is running");

  boto3("stop", "us-east-1", instance);
  await control("POST", "/_amisim/clock/advance", { seconds: 600 });
  const { ImageId: image } = boto3("create-image", "us-east-1", instance);
  await control("POST", "/_amisim/clock/advance", { seconds: 3600 });
  const { ImageId: copy } = boto3("copy-image", "us-west-2", image, "us-east-1");
  await control("POST", "/_amisim/clock/advance", { seconds: 3600 });
  const edge = (from, to, kind) => `path.edge[data-from="${from}"][data-to="${to}"][data-kind="${kind}"]`;
  await page.waitForSelector(edge(image, copy, "copy"), { timeout: 5000 });
  check(!!await page.$(edge(instance, image, "image")), `an arrow from ${instance} to its image ${image}`);
  check(!!await page.$(edge(image, copy, "copy")), `an arrow from ${image} to its copy ${copy}`);
  check(copy !== image, "the copy has its own ID");
  check(!!await page.$(`.lane[data-lane="123456789012/us-west-2"] .bar[data-id="${copy}"]`),
        "the copy is in us-west-2's lane");
  const snapshots = boto3("image-snapshots", "us-east-1", image);
  for (const s of snapshots)
    check(!!await page.$(edge(image, s, "snapshot")), `an arrow from ${image} to its snapshot ${s}`);

  // The bill, once the page has drawn the latest picture.
  await control("POST", "/_amisim/clock/advance", { seconds: 86400 });
  const version = (await control("GET", "/_amisim/events?after=0")).version;
  await page.waitForFunction((v) => Number(document.body.dataset.version) === v, { timeout: 5000 }, version);
  const billing = await control("GET", "/_amisim/billing");
  const shown = await page.$eval("#bill-total", (e) => e.dataset.total);
  check(shown === billing.total_usd, `the page's bill total ${shown} is /_amisim/billing's ${billing.total_usd}`);

  // A call's row marks what it changed.
  const row = await page.$$eval("#calls tr[data-seq]", (rows) => {
    const r = rows.find((tr) => tr.children[4].textContent === "CreateImage");
    return r ? r.dataset.seq : null;
  });
  check(row !== null, "the call log lists CreateImage");
  if (row !== null) {
    await page.click(`#calls tr[data-seq="${row}"]`);
    const marked = await page.$$eval(".bar.hl", (gs) => gs.map((g) => g.dataset.id));
    check(marked.includes(image), `clicking CreateImage marks ${image} (marked: ${marked.join(" ")})`);
  }

  await page.screenshot({ path: path.join(artifacts, "picture.png"), fullPage: true });
  check(errors.length === 0, `no console errors (${errors.join(" | ")})`);
  // Every piece of news came over one event stream: the page did not poll.
  check(newsAsks.length === 1 && newsAsks[0] === "eventsource",
        `the page asked /_amisim/events once, as an event stream (${newsAsks.join(" ")})`);
  // A hidden tab gives its stream back (a browser has six connections to a host for all its
  // tabs); shown again, it opens a new one.
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, "hidden", { value: h, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
  await setHidden(true);
  check(await page.evaluate(() => source === null), "hidden, the page closed its event stream");
  const asked = newsAsks.length;
  await setHidden(false);
  for (let i = 0; i < 50 && newsAsks.length === asked; i++) await new Promise((r) => setTimeout(r, 100));
  check(newsAsks.length === asked + 1 && await page.evaluate(() => source !== null),
        "shown again, it opened a new one");
  check(foreign.length === 0, `no request left amisim (${foreign.join(" ")})`);
} finally {
  await browser.close();
}
finish();
