// What picture.mjs and report.mjs share: a check that prints and counts its failures, headless
// Chromium launched through puppeteer-core, and the end of a run.
import puppeteer from "puppeteer-core";

const failures = [];

export function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

export function launch(chromium) {
  return puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

// A page 1400 px wide whose console errors and uncaught exceptions land in `errors`.
export async function watchedPage(browser, errors) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  return page;
}

export function finish() {
  if (failures.length) {
    console.error(`${failures.length} check(s) failed`);
    process.exit(1);
  }
}
