const { chromium } = require('playwright-core');
const fs = require('fs');
(async () => {
  const token = fs.readFileSync('token', 'utf8').trim();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  await page.goto(process.argv[2] + '/swagger-ui/index.html');
  await page.click('button.authorize');
  await page.fill('.auth-container input', token);
  await page.click('.auth-btn-wrapper button.authorize');
  await page.click('button.btn-done');
  const op = page.locator('#operations-case-controller-caseload');
  await op.locator('.opblock-summary').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('button.execute').click();
  await op.locator('.responses-table.live-responses-table .response-col_status').first().waitFor();
  const status = await op.locator('.live-responses-table .response-col_status').first().innerText();
  console.log('status', status);
  await op.scrollIntoViewIfNeeded();
  await op.locator('.live-responses-table').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -420));
  await page.screenshot({ path: process.argv[3] });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
