/**
 * Targets (intervention sheets):
 * - one order's sheet, server-side: p50 < 15 ms (measured as an HTTP request to the real
 *   app on loopback — route, query, render — and as the render alone);
 * - a 500-sheet day as one streamed PDF: < 5 s, peak memory growth < 100 MiB (a 2,000-sheet
 *   day is run too, to show that memory stays flat as the day grows);
 * - side by side with Chromium printing an HTML version of the same sheet (same text,
 *   from sheetText.ts) with playwright-core's page.pdf and /usr/bin/chromium: ≥ 20× faster
 *   per sheet (wall time, warm, Chromium reusing one tab — its best case; a new tab per
 *   document and the CPU time of both sides are reported too).
 * The app runs in this process on a fresh SQLite database with the demo data; the busy
 * days are added to it; the pdfkit side of the Chromium comparison runs in a fresh Node
 * process of its own, like Chromium. The PDFs are checked (page counts, text). The machine
 * is shared: the load average is printed with the results.
 *
 *   npm run bench:sheets [-- --singles 300 --day 500 --bigday 2000 --chromium 25]
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import express from 'express';
import { chromium } from 'playwright-core';
import { createApp } from '../server/app';
import { systemClock } from '../server/clock';
import { createDb } from '../server/db';
import { migrateLatest } from '../db/migrate';
import { seedDemo } from '../db/seeds/demo';
import { readPdf } from '../server/pdf/readBack';
import { renderSheetPdf } from '../server/sheets/renderSheet';
import { loadSheetOrder } from '../server/sheets/repository';
import { parisDayBounds } from '../shared/calendar/paris';
import { sheetText, type SheetOrder, type SheetText } from '../server/sheets/sheetText';
import { addParisDays, parisDate } from '../shared/calendar/paris';
import { login, percentile, round } from './lib';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SINGLES = arg('singles', 300);
const DAY = arg('day', 500);
const BIG_DAY = arg('bigday', 2000);
const CHROMIUM_RUNS = arg('chromium', 25);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const MIB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

// --- worker mode: pdfkit alone in a fresh process (the Chromium comparison's pdfkit side) ---
if (args.includes('--render-worker')) {
  const order = JSON.parse(args[args.indexOf('--render-worker') + 1]) as SheetOrder;
  const at = new Date(order.startsAt);
  const runs = arg('runs', 300);
  for (let i = 0; i < 100; i++) await renderSheetPdf(order, at); // warm-up (JIT)
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await renderSheetPdf(order, at);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({ p50: percentile(times, 50), cpuPerSheet: (cpu.user + cpu.system) / 1000 / runs, times })}\n`);
  process.exit(0);
}

/** Runs the pdfkit side in a fresh process (same loader flags as this one) and returns its timings. */
function renderInWorker(order: SheetOrder, runs: number): Promise<{ p50: number; cpuPerSheet: number; times: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--render-worker', JSON.stringify(order), '--runs', String(runs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`render worker exited with ${code}`))));
  });
}

// --- the app, in this process, on a fresh demo database -------------------------------
const dir = mkdtempSync(path.join(tmpdir(), 'console-bench-sheets-'));
const db = createDb(path.join(dir, 'bench.sqlite'));
await migrateLatest(db);
const now = new Date();
await seedDemo(db, { now });

/** Adds `n` accepted orders on one Paris day (08:00–19:45), spread over the demo's active partners and clients. */
async function addBusyDay(date: string, n: number, prefix: string): Promise<void> {
  const partners = (await db('partners').where('status', 'active').select('id', 'services')) as Array<{ id: number; services: string }>;
  const clients = (await db('clients').select('id', 'address', 'postcode', 'city', 'lat', 'lng')) as Array<Record<string, unknown>>;
  const services = new Map(((await db('services').select()) as Array<{ id: string; durationMin: number; priceCents: number; partnerPayCents: number }>).map((s) => [s.id, s]));
  const start = parisDayBounds(date).start;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const partner = partners[i % partners.length];
    const service = services.get((JSON.parse(partner.services) as string[])[0])!;
    const client = clients[(i * 7) % clients.length];
    const startsAt = new Date(start.getTime() + (8 * 60 + ((i * 15) % (12 * 60))) * 60_000);
    rows.push({
      reference: `${prefix}${String(i + 1).padStart(6, '0')}`,
      clientId: client.id,
      partnerId: partner.id,
      serviceCode: service.id,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + service.durationMin * 60_000).toISOString(),
      status: 'accepted',
      priceCents: service.priceCents,
      partnerPayCents: service.partnerPayCents,
      address: client.address,
      postcode: client.postcode,
      city: client.city,
      lat: client.lat,
      lng: client.lng,
      createdAt: now.toISOString(),
      acceptedAt: now.toISOString(),
      version: 1,
      searchText: '',
    });
  }
  for (let i = 0; i < rows.length; i += 200) await db('orders').insert(rows.slice(i, i + 200));
}

const today = parisDate(now);
const busyDate = addParisDays(today, 20);
const bigDate = addParisDays(today, 21);
await addBusyDay(busyDate, DAY, 'B');
await addBusyDay(bigDate, BIG_DAY, 'G');

const built = createApp({ db, config: { ...(await import('../server/test/harness')).testConfig(), nodeEnv: 'production' }, clock: systemClock, spaDir: dir, log: (err) => console.error(err) });
// Server-side time of each request: from the moment the app receives it to the moment its
// last byte is handed to the socket (the client's own work, in this process, is not counted).
const serverTimes: number[] = [];
let recordServerTimes = false;
const outer = express();
outer.use((_req, res, next) => {
  const t0 = performance.now();
  res.on('finish', () => {
    if (recordServerTimes) serverTimes.push(performance.now() - t0);
  });
  next();
});
outer.use(built.app);
const server: Server = await new Promise((resolve) => {
  const s = outer.listen(0, '127.0.0.1', () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const cookie = await login(base, 'coordinator@demo.test');

async function fetchPdf(url: string): Promise<Buffer> {
  const res = await fetch(base + url, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || res.headers.get('content-type') !== 'application/pdf') throw new Error(`${url} → ${res.status} ${body.toString().slice(0, 200)}`);
  return body;
}

const results: Record<string, unknown> = { machine: { cpus: cpus().length, loadAverageAtStart: loadavg().map((l) => round(l, 1)) } };
try {
  // --- 1. one sheet ---------------------------------------------------------------------
  const upcoming = (await db('orders').where('status', 'accepted').where('startsAt', '>', now.toISOString()).orderBy('startsAt').limit(SINGLES).select('id')) as Array<{ id: number }>;
  for (let i = 0; i < 20; i++) await fetchPdf(`/api/orders/${upcoming[i % upcoming.length].id}/sheet.pdf`); // warm-up
  const http: number[] = [];
  recordServerTimes = true;
  for (let i = 0; i < SINGLES; i++) {
    const t0 = performance.now();
    await fetchPdf(`/api/orders/${upcoming[i % upcoming.length].id}/sheet.pdf`);
    http.push(performance.now() - t0);
  }
  recordServerTimes = false;
  http.sort((a, b) => a - b);
  serverTimes.sort((a, b) => a - b);
  const sample = await loadSheetOrder(db, String(upcoming[0].id));
  const render: number[] = [];
  gc?.(); // the seeding's and the HTTP phase's garbage is not the render's to collect
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < SINGLES; i++) {
    const t0 = performance.now();
    await renderSheetPdf(sample, now);
    render.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  render.sort((a, b) => a - b);
  const one = await readPdf(await renderSheetPdf(sample, now));
  if (one.pages.length !== 1) throw new Error('one sheet should be one page');
  results.oneSheet = {
    serverP50Ms: round(percentile(serverTimes, 50)),
    serverP95Ms: round(percentile(serverTimes, 95)),
    roundTripP50Ms: round(percentile(http, 50)),
    renderP50Ms: round(percentile(render, 50)),
    renderP95Ms: round(percentile(render, 95)),
    renderCpuMsPerSheet: round((cpu.user + cpu.system) / 1000 / SINGLES),
    target: 'server-side p50 < 15 ms',
  };

  // --- 2. Chromium printing the HTML version of the same sheet -------------------------
  // Both sides in processes of their own, warm: pdfkit in a fresh Node process (no server,
  // no seeded heap), timed before the browser starts and again after it has closed (which
  // brackets the machine's load drift); Chromium in between, its browser already running.
  const text = sheetText(sample, now);
  const html = sheetHtml(text);
  // pdfkit alone, in a fresh process, before the browser starts and after it has closed.
  const pdfkitRuns = CHROMIUM_RUNS * 12;
  const pdfkitBefore = await renderInWorker(sample, pdfkitRuns);
  const chrome: number[] = [];
  const chromeFresh: number[] = [];
  let chromeCpuPerSheet = NaN;
  let last: Buffer = Buffer.alloc(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    const printOnce = async () => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    };
    // A server cannot share one tab between concurrent requests: it opens one per document.
    const printInFreshPage = async () => {
      const fresh = await browser.newPage();
      try {
        await fresh.setContent(html, { waitUntil: 'load' });
        return await fresh.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await fresh.close();
      }
    };
    for (let i = 0; i < 3; i++) {
      await printOnce(); // warm-up (the browser is already running: its start is not counted)
      await printInFreshPage();
    }
    const chromeCpu0 = chromiumCpuMs();
    const ownCpu0 = process.cpuUsage();
    for (let i = 0; i < CHROMIUM_RUNS; i++) {
      const t0 = performance.now();
      last = await printOnce();
      chrome.push(performance.now() - t0);
    }
    const ownCpu = process.cpuUsage(ownCpu0);
    // CPU per sheet, whatever the machine's load: Chromium's processes plus this one's share (the driver).
    chromeCpuPerSheet = (chromiumCpuMs() - chromeCpu0 + (ownCpu.user + ownCpu.system) / 1000) / CHROMIUM_RUNS;
    for (let i = 0; i < Math.ceil(CHROMIUM_RUNS / 5); i++) {
      const t1 = performance.now();
      await printInFreshPage();
      chromeFresh.push(performance.now() - t1);
    }
  } finally {
    await browser.close();
  }
  await new Promise((r) => setTimeout(r, 1000));
  const pdfkitAfter = await renderInWorker(sample, pdfkitRuns);
  const pdfkitSide = [...pdfkitBefore.times, ...pdfkitAfter.times];
  const pdfkitCpuPerSheet = (pdfkitBefore.cpuPerSheet + pdfkitAfter.cpuPerSheet) / 2;
  chrome.sort((a, b) => a - b);
  chromeFresh.sort((a, b) => a - b);
  pdfkitSide.sort((a, b) => a - b);
  const chromePdf = await readPdf(last);
  if (chromePdf.pages.length !== 1) throw new Error(`the HTML sheet printed on ${chromePdf.pages.length} pages`);
  if (!chromePdf.pages[0].text.includes(text.requestNumber)) throw new Error('the HTML sheet lacks the request number');
  const pdfkitP50 = percentile(pdfkitSide, 50);
  results.chromium = {
    chromiumReusedTabP50Ms: round(percentile(chrome, 50)),
    chromiumNewTabP50Ms: round(percentile(chromeFresh, 50)),
    pdfkitP50Ms: round(pdfkitP50),
    pdfkitP50BeforeAfterMs: [round(pdfkitBefore.p50), round(pdfkitAfter.p50)],
    ratio: round(percentile(chrome, 50) / pdfkitP50, 1),
    ratioNewTab: round(percentile(chromeFresh, 50) / pdfkitP50, 1),
    chromiumCpuMsPerSheet: round(chromeCpuPerSheet),
    pdfkitCpuMsPerSheet: round(pdfkitCpuPerSheet),
    cpuRatio: round(chromeCpuPerSheet / pdfkitCpuPerSheet, 1),
    chromiumPdfKiB: round(last.length / 1024, 1),
    pdfkitPdfKiB: round((await renderSheetPdf(sample, now)).length / 1024, 1),
    target: '≥ 20× faster per sheet (reused tab, the most favourable case for Chromium)',
  };

  // --- 3. a 500-sheet day, then a 2,000-sheet day: time and peak memory growth --------
  async function day(date: string, expected: number) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed + baseline.external;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    }, 5);
    const t0 = performance.now();
    // Consumed as a stream, chunk by chunk, and only counted: the client keeps nothing.
    const res = await fetch(`${base}/api/sheets.pdf?date=${date}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`day ${date} → ${res.status}`);
    let bytes = 0;
    let firstByteMs = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - t0;
      bytes += chunk.length;
    }
    const ms = performance.now() - t0;
    clearInterval(timer);
    const pdf = await fetchPdf(`/api/sheets.pdf?date=${date}`);
    // Page dictionaries are not compressed by pdfkit: count them (reading 2,000 pages back with pdfjs would dwarf the run).
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    if (pages !== expected) throw new Error(`day ${date}: ${pages} pages, expected ${expected}`);
    return {
      sheets: expected,
      totalMs: round(ms, 0),
      perSheetMs: round(ms / expected),
      firstByteMs: round(firstByteMs, 1),
      sizeMiB: round(bytes / MIB),
      peakRssGrowthMiB: round((peakRss - baseline.rss) / MIB, 1),
      peakHeapGrowthMiB: round((peakHeap - baseline.heapUsed - baseline.external) / MIB, 1),
    };
  }
  results.day500 = { ...(await day(busyDate, DAY)), target: '< 5 s, peak memory growth < 100 MiB' };
  results.day2000 = await day(bigDate, BIG_DAY);

} finally {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  built.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

results.machine = { ...(results.machine as object), loadAverageAtEnd: loadavg().map((l) => round(l, 1)) };
console.log(JSON.stringify(results, null, 2));
const one = results.oneSheet as { serverP50Ms: number };
const d500 = results.day500 as { totalMs: number; peakRssGrowthMiB: number };
const ch = results.chromium as { ratio: number };
const ok = one.serverP50Ms < 15 && d500.totalMs < 5000 && d500.peakRssGrowthMiB < 100 && ch.ratio >= 20;
console.log(ok ? 'All sheet targets met.' : 'A sheet target was missed.');
process.exitCode = ok ? 0 : 1;

/** CPU time (ms) used so far by this process's Chromium descendants (Linux /proc; utime + stime). */
function chromiumCpuMs(): number {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const pid = Number(entry);
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close));
      parents.set(pid, Number(fields[1]));
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, t] of cpu) {
    if (!/chrom/i.test(names.get(pid) ?? '')) continue;
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        ticks += t;
        break;
      }
    }
  }
  return ticks / ticksPerMs;
}

/** The same sheet as HTML (same text, the same two-part layout in mm), for Chromium to print. */
function sheetHtml(t: SheetText): string {
  const e = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const rowsOf = (fields: Array<{ label: string; value: string }>) => fields.map((f) => `<tr><th>${e(f.label)}</th><td>${e(f.value)}</td></tr>`).join('');
  const sig = (s: { label: string; hint: string }) => `<div class="sig"><b>${e(s.label)}</b><i>${e(s.hint)}</i><span></span></div>`;
  const x = t.employer;
  const k = t.coupon;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${e(t.meta.title)}</title><style>
@page { size: A4; margin: 0 }
* { box-sizing: border-box }
body { margin: 0; font-family: Helvetica, Arial, sans-serif; color: #1a1a1a; font-size: 9.5pt }
.page { width: 210mm; height: 297mm; padding: 12mm; position: relative; overflow: hidden }
.head { display: flex; justify-content: space-between; height: 30mm; border-bottom: 0.3mm solid #1a1a1a }
.head h1 { font-size: 15pt; margin: 0 0 2mm } .head p { margin: 0; font-size: 8.5pt } .muted { color: #5f6368; font-size: 7pt }
.title { text-align: right } .title h2 { font-size: 15pt; margin: 0 } .badge { display: inline-block; margin-top: 3mm; padding: 2mm 3mm; border: 0.3mm solid #1a1a1a; border-radius: 1.5mm; background: #f1f3f4; font-size: 14pt; font-weight: bold }
.row { display: flex; gap: 5mm; margin-top: 4mm } .box { flex: 1; border: 0.2mm solid #9aa0a6; border-radius: 1mm; overflow: hidden }
.box h3 { margin: 0; padding: 1.5mm 2.5mm; font-size: 8pt; background: #f1f3f4; border-bottom: 0.2mm solid #9aa0a6; text-transform: uppercase }
table { border-collapse: collapse; margin: 1.5mm 2.5mm } th { text-align: left; font-weight: normal; color: #5f6368; font-size: 7.5pt; padding: 0.6mm 3mm 0.6mm 0; vertical-align: top } td { padding: 0.6mm 0; overflow-wrap: anywhere }
.obs { height: 36mm } .sig { flex: 1; height: 30mm; border: 0.2mm solid #9aa0a6; border-radius: 1mm; padding: 2mm 2.5mm; position: relative } .sig b, .sig i { display: block; font-size: 8pt } .sig i { color: #5f6368; font-size: 7pt }
.sig span { position: absolute; left: 4mm; right: 4mm; bottom: 5mm; border-bottom: 0.2mm dashed #9aa0a6 }
.cut { position: absolute; left: 8mm; right: 8mm; top: 212mm; border-top: 0.3mm dashed #1a1a1a; text-align: center }
.cut em { position: relative; top: -2.2mm; background: #fff; padding: 0 2mm; color: #5f6368; font-size: 7.5pt } .cut svg { position: absolute; left: 0; top: -3.5mm; background: #fff }
.coupon { position: absolute; left: 12mm; right: 12mm; top: 218mm; bottom: 17mm; border: 0.3mm solid #1a1a1a; border-radius: 1.5mm; padding: 4mm 5mm }
.coupon h2 { margin: 0; font-size: 12.5pt } .num { position: absolute; right: 5mm; top: 4mm; text-align: right; font-size: 16pt; font-weight: bold }
.foot { position: absolute; left: 12mm; right: 12mm; bottom: 12mm; display: flex; justify-content: space-between; color: #5f6368; font-size: 6.5pt }
</style></head><body><div class="page">
<div class="head"><div><h1>${e(t.company.name)}</h1>${t.company.lines.map((l) => `<p>${e(l)}</p>`).join('')}<p class="muted">${e(t.company.legal)}</p>${t.company.demoNote ? `<p class="muted"><i>${e(t.company.demoNote)}</i></p>` : ''}</div>
<div class="title"><h2>${e(t.title.toUpperCase())}</h2><p class="muted">${e(x.partLabel)} · ${e(x.partHint)}</p><div class="badge"><span class="muted">${e(t.requestLabel)}</span> ${e(t.requestNumber)}</div></div></div>
${x.statusNote ? `<p><b>${e(x.statusNote)}</b></p>` : ''}
<div class="row"><div class="box"><h3>${e(x.client.title)}</h3><table>${rowsOf(x.client.fields)}</table></div><div class="box"><h3>${e(x.provider.title)}</h3><table>${rowsOf(x.provider.fields)}</table></div></div>
<div class="row"><div class="box"><h3>${e(x.intervention.title)}</h3><div style="display:flex"><table>${rowsOf(x.intervention.fields)}<tr><th>${e(x.intervention.price.label)}</th><td><b>${e(x.intervention.price.value)}</b></td></tr></table><table>${rowsOf([x.intervention.address, x.intervention.service])}</table></div></div></div>
<div class="row"><div class="box obs"><h3>${e(x.observations.title)}</h3><p class="muted" style="margin:1.5mm 2.5mm"><i>${e(x.observations.hint)}</i></p></div></div>
<div class="row">${sig(x.signatures[0])}${sig(x.signatures[1])}</div>
<p class="muted">${e(x.footer.join(' '))}</p>
<div class="cut"><svg width="7mm" height="7mm" viewBox="0 0 24 24"><circle cx="5" cy="6" r="3" fill="none" stroke="#1a1a1a" stroke-width="1.5"/><circle cx="5" cy="18" r="3" fill="none" stroke="#1a1a1a" stroke-width="1.5"/><path d="M7 8 L22 15 M7 16 L22 9" stroke="#1a1a1a" stroke-width="1.8"/></svg><em>${e(t.cutLabel)}</em></div>
<div class="coupon"><h2>${e(k.title.toUpperCase())}</h2><p class="muted">${e(k.hint)} · ${e(t.company.name)}</p><div class="num"><span class="muted">${e(k.requestNumber.label)}</span><br>${e(k.requestNumber.value)}</div>
<table>${rowsOf([k.date, k.service, k.provider])}</table><div class="row">${sig(k.signatures[0])}${sig(k.signatures[1])}</div></div>
<div class="foot"><span>${e(t.issued)}</span><span>${e(t.requestNumber)}</span></div>
</div></body></html>`;
}
