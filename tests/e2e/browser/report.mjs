// The run report (amisim run --html) opened offline in headless Chromium (issue 20): it loads from
// a file with no console error and no request at all but the file; the failing scenario is shown
// first, its failing step marked with the expectation; the passing scenario's picture has bars,
// lineage arrows and a bill. A screenshot goes to ARTIFACTS.
//
// usage: node report.mjs REPORT_HTML CHROMIUM ARTIFACTS_DIR
import path from "node:path";
import { pathToFileURL } from "node:url";
import { check, finish, launch, watchedPage } from "./support.mjs";

const [report, chromium, artifacts] = process.argv.slice(2);

const browser = await launch(chromium);
try {
  const errors = [], elsewhere = [];
  const page = await watchedPage(browser, errors);
  await page.setRequestInterception(true);
  const self = pathToFileURL(path.resolve(report)).href;
  page.on("request", (req) => {
    if (req.url() === self || req.url().startsWith("data:")) return req.continue();
    elsewhere.push(req.url());
    req.abort();
  });
  await page.goto(self, { waitUntil: "load" });

  const title = await page.$eval("#scenario-title", (e) => e.textContent);
  check(title.startsWith("FAIL failing-on-purpose"), `the failing scenario is shown first (${title})`);
  const failed = await page.$$eval("#steps tr.failed-step", (rows) => rows.map((r) => r.dataset.step));
  check(failed.length === 1 && failed[0] === "2", `its step 2 is marked as the failing one (${failed})`);
  const why = await page.$eval("#scenario-failure", (e) => e.textContent);
  check(why.includes("step 2") && why.includes("expected:") && why.includes("deregistered"),
        `the failing expectation is shown (${why.replace(/\n/g, " | ")})`);
  await page.screenshot({ path: path.join(artifacts, "report-failing.png"), fullPage: true });

  const passing = await page.$$eval("#scenarios button.pass", (bs) => bs.map((b) => b.dataset.index));
  check(passing.length === 1, "the passing scenario is listed");
  if (passing.length) {
    await page.click(`#scenarios button[data-index="${passing[0]}"]`);
    const bars = await page.$$eval(".bar", (gs) => gs.length);
    check(bars >= 3, `its picture has the bars of its resources (${bars})`);
    const edges = await page.$$eval("path.edge[data-kind=\"image\"]", (ps) => ps.length);
    check(edges >= 1, `and the arrow from the builder instance to the image (${edges})`);
    const total = await page.$eval("#bill-total", (e) => e.dataset.total || "");
    check(total !== "" && Number(total) > 0, `and its bill ($${total})`);
    await page.screenshot({ path: path.join(artifacts, "report.png"), fullPage: true });
  }
  check(errors.length === 0, `no console errors (${errors.join(" | ")})`);
  check(elsewhere.length === 0, `no request but the file (${elsewhere.join(" ")})`);
} finally {
  await browser.close();
}
finish();
