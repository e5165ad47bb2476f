// Drives hebb serve's page in headless Chromium: draws a 28x28 digit on the pad (each pixel a 10x10 square, as a
// pen would leave it), lets the page predict it, and prints one JSON line: the class the page shows, the 784 inputs
// it sent (null when the digit is blank), and the inputs its preprocessing makes of an off-centre 100x50 bar (to check the MNIST scaling).
// Usage: node draw-digit.mjs URL CHROMIUM PIXELS [SCREENSHOT.png], PIXELS being 784 comma-separated bytes.
import { chromium } from "playwright-core";

const [url, executablePath, pixelList, screenshot] = process.argv.slice(2);
if (!pixelList) {
  console.error("usage: node draw-digit.mjs URL CHROMIUM PIXELS [SCREENSHOT.png]");
  process.exit(2);
}
const pixels = pixelList.split(",").map(Number);

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });

  // A real stroke first, through the pointer events a user's mouse sends; the digit then replaces it.
  const pad = await page.locator("#pad").boundingBox();
  await page.mouse.move(pad.x + 140, pad.y + 60);
  await page.mouse.down();
  await page.mouse.move(pad.x + 140, pad.y + 220, { steps: 8 });
  await page.mouse.up();
  await page.waitForSelector("#predicted[data-class]", { timeout: 15000 });
  const stroke = await page.locator("#bars li").count();

  const sent = await page.evaluate(async (pixels) => {
    const context = document.getElementById("pad").getContext("2d");
    context.fillStyle = "#000";
    context.fillRect(0, 0, 280, 280);
    pixels.forEach((v, i) => {
      context.fillStyle = `rgb(${v},${v},${v})`;
      context.fillRect(10 * (i % 28), 10 * Math.floor(i / 28), 10, 10);
    });
    delete document.getElementById("predicted").dataset.class;
    await window.hebb.predictDrawing();
    const pad = context.getImageData(0, 0, 280, 280);
    const features = window.hebb.toMnist(window.hebb.intensities(pad), 280, 280);
    return features && Array.from(features);
  }, pixels);
  const shown = sent && Number(await page.locator("#predicted").getAttribute("data-class"));
  const best = sent && Number(await page.locator("#bars li.best .digit").textContent());
  // How long the best class's bar is drawn, against its track: its probability, if the bars show what they say.
  const bestLength = sent && await page.locator("#bars li.best").evaluate(item =>
    item.querySelector(".bar").getBoundingClientRect().width / item.querySelector(".track").getBoundingClientRect().width);
  const probability = sent && Number((await page.locator("#bars li.best .value").textContent()).replace("%", "")) / 100;
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  const bar = await page.evaluate(() => {
    const values = new Float32Array(280 * 280);
    for (let y = 200; y < 250; y++) for (let x = 30; x < 130; x++) values[y * 280 + x] = 1;
    return Array.from(window.hebb.toMnist(values, 280, 280));
  });
  console.log(JSON.stringify({ class: shown, bestBar: best, bestLength, probability, bars: stroke, sent, bar }));
} finally {
  await browser.close();
}
