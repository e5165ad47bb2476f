// Drives hebb serve's page for a table model in headless Chromium: fills its form with one row, as a user types it,
// lets the page predict it, and prints one JSON line: the fields the form has, the bars' labels, and what the page
// shows (a class and its probability, or a regression's value).
// Usage: node fill-table.mjs URL CHROMIUM ROW [SCREENSHOT.png], ROW being a JSON object of column name to value.
import { chromium } from "playwright-core";

const [url, executablePath, rowJson, screenshot] = process.argv.slice(2);
if (!rowJson) {
  console.error("usage: node fill-table.mjs URL CHROMIUM ROW [SCREENSHOT.png]");
  process.exit(2);
}
const row = JSON.parse(rowJson);

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  const fields = await page.locator("#form [name]").evaluateAll(elements => elements.map(e => ({ name: e.name, tag: e.tagName.toLowerCase() })));
  for (const { name, tag } of fields) {
    const field = page.locator(`#form [name="${name}"]`);
    if (tag === "select") await field.selectOption(String(row[name]));
    else await field.fill(String(row[name]));
  }
  // Each keystroke sent a request; the answer shown is the one to the last, complete row.
  await page.evaluate(async () => {
    const predicted = document.getElementById("predicted");
    delete predicted.dataset.class;
    delete predicted.dataset.value;
    await window.hebb.predictForm();
  });
  const predicted = page.locator("#predicted");
  const shown = {
    class: await predicted.getAttribute("data-class"),
    value: await predicted.getAttribute("data-value"),
    text: await predicted.textContent(),
    best: await page.locator("#bars li.best .digit").count() ? await page.locator("#bars li.best .digit").textContent() : null,
  };
  const bars = await page.locator("#bars li .digit").allTextContents();
  const error = await page.locator("#error").textContent();
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ fields: fields.map(f => f.name), bars, error, ...shown }));
} finally {
  await browser.close();
}
