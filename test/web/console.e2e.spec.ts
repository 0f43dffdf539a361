import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import axe from 'axe-core';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { root } from '../support/built-service';
import { signInAsDemoUser, signOutOfConsole, statusBadgeIs, useConsoleInChromium } from '../support/console-in-chromium';

/**
 * The web console walked through in Debian's chromium against the built service (`npm start`'s embedded default):
 * department imports the 馆陶县信访局 fixture, sees the warnings, submits; finance returns it with a reason; the
 * department sees the reason, edits a project, resubmits; finance sees what changed, approves and publishes; the
 * public page shows the published tables without sign-in; the supervisor sees the county. Every main page passes
 * axe with no serious or critical violation at 1280×800 and 390×844; screenshots of each role's page go to docs/.
 * The service runs on the demo clock (`CLOCK_START`): the walk-through happens on 2024-06-26 (Shanghai); after the
 * payments it is restarted at 2024-06-27 08:59:50, seconds before the 6月底 checkpoint's 3-day lead reminder is due,
 * and the department's inbox shows that reminder for the one project behind plan.
 */
const fixture = path.join(root, 'test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const screenshots = path.join(root, 'docs', 'screenshots');
const RETURN_REASON = '请核对项目成本指标与项目预算数是否一致';
const NEW_PURPOSE = '用于律师参与接访、陪访及化解信访积案。';
const LAWYER_PROJECT = '13043324P000076100011'; // 律师陪访经费, 7.80 万元, plan 50% by 6月底
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** The walk-through's day: the 6月底 lead reminders are 10 days (missed by more than the 3-day grace) and 1 day away. */
const WALKTHROUGH_CLOCK = '2024-06-26T09:00:00+08:00';
/** Ten seconds before 09:00 on 27 June, when the 3-day lead reminder of the 6月底 checkpoint fires. */
const LEAD_REMINDER_CLOCK = '2024-06-27T08:59:50+08:00';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core in the page; the serious and critical violations, described. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's CSP (no inline scripts) stays on.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  // A string expression: it runs in the page (DOM types are not part of the Node test build).
  const result = (await page.evaluate(`(async () => {
    const found = await window.axe.run(document, {});
    return {
      passes: found.passes.length,
      violations: found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
    };
  })()`)) as { passes: number; violations: AxeViolation[] };
  // axe really looked at the page (dozens of rules pass on any of these pages).
  expect(result.passes).toBeGreaterThan(10);
  const violations = result.violations;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

/** The page at both sizes: no serious axe violation, and nothing wider than the phone screen outside scroll regions. */
async function checkAccessibleAtBothSizes(page: Page, label: string): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    expect({ page: label, size, violations: await seriousViolations(page) }).toEqual({ page: label, size, violations: [] });
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect({ page: label, size, overflow }).toEqual({ page: label, size, overflow: 0 });
  }
  await page.setViewportSize(DESKTOP);
}

describe('web console: the fixture workflow through the pages (chromium)', () => {
  // Demo users only when asked for: this walk-through signs in per role through them.
  const web = useConsoleInChromium('web', { env: { LOG_LEVEL: 'warn', CLOCK_START: WALKTHROUGH_CLOCK, DEMO_SIGN_IN: 'true' } }, { viewport: DESKTOP });
  let page: Page;
  let base: string;
  /** What the department paid on 律师陪访经费 (35% of its amount), recorded in the payments step. */
  let lawyerPaid = '';

  beforeAll(() => {
    ({ page, base } = web);
    mkdirSync(screenshots, { recursive: true });
  });

  const signInAs = (label: string) => signInAsDemoUser(page, base, label);
  const signOut = () => signOutOfConsole(page);
  const statusIs = (expected: string) => statusBadgeIs(page, expected);

  it('the sign-in page offers a demo user per role and passes axe', async () => {
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: '馆陶县信访局（部门经办人）' }).waitFor();
    expect(await page.getByRole('button', { name: '县财政局预算股（财政）' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '县人大预算工委（监督）' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /管理员/ }).count()).toBe(0);
    await checkAccessibleAtBothSizes(page, 'sign-in');
  });

  it('the department imports the fixture file and sees the draft, its totals and the warnings', async () => {
    await signInAs('馆陶县信访局（部门经办人）');
    await page.getByText('本年度尚未建立预算草案').waitFor();
    await page.getByLabel('预算数据文件（JSON）').setInputFiles(fixture);
    await page.getByText('已导入 budget-facts.json').waitFor();
    await statusIs('编制中');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('馆陶县信访局 2024年部门预算');
    const figures = await page.locator('.figures').innerText();
    expect(figures).toContain('654.24 万元');
    expect(figures).toContain('199.84 万元');
    expect(figures).toContain('454.40 万元');
    expect(figures).toContain('平衡');
    // The draft's 勾稽 findings (two cost indicators differ from their project amounts) are shown before submitting;
    // they load after the draft itself, so wait for them.
    const costFinding = page.locator('.findings li').filter({ hasText: '群众工作中心运维经费' });
    await costFinding.first().waitFor({ timeout: 15_000 });
    expect(await costFinding.count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, 'department-overview.png'), fullPage: false });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(screenshots, 'department-overview-phone.png'), fullPage: false });
    await page.setViewportSize(DESKTOP);
    await checkAccessibleAtBothSizes(page, 'department overview');
  });

  it('a bad amount in the line editor shows the API’s field error next to the field and saves nothing', async () => {
    await page.getByRole('link', { name: '基本支出' }).click();
    const before = await page.locator('#lines-title + p').textContent();
    await page.getByRole('button', { name: '新增明细' }).click();
    await page.getByLabel('功能分类科目').selectOption('2014001');
    await page.getByLabel('经济分类科目').selectOption('30201');
    await page.getByLabel('金额（元）').fill('12,5');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const amountField = page.locator('.field', { has: page.getByLabel('金额（元）') });
    await amountField.locator('.field-error').waitFor();
    expect(await amountField.locator('.field-error').textContent()).toBe('金额不是有效的十进制数');
    expect(await page.getByLabel('金额（元）').getAttribute('aria-invalid')).toBe('true');
    await checkAccessibleAtBothSizes(page, 'basic lines with a field error');
    await page.getByRole('button', { name: '取消' }).click();
    expect(await page.locator('#lines-title + p').textContent()).toBe(before);
    await page.getByRole('link', { name: '项目支出' }).click();
    await checkAccessibleAtBothSizes(page, 'projects');
    await page.getByRole('link', { name: '律师陪访经费' }).click();
    await page.getByRole('heading', { name: '律师陪访经费' }).waitFor();
    await checkAccessibleAtBothSizes(page, 'project editor');
    await page.getByRole('link', { name: '公开表预览' }).click();
    await page.getByRole('heading', { name: /表1 部门预算收支总表/ }).waitFor();
    await checkAccessibleAtBothSizes(page, 'draft tables');
  });

  it('the department submits; finance sees it in the queue and returns it with a reason', async () => {
    await page.getByRole('link', { name: '概况与报送' }).click();
    await page.getByRole('button', { name: '报送财政部门' }).click();
    await page.getByRole('button', { name: '确认报送' }).click();
    await page.getByText('已报送财政部门审核').waitFor();
    await statusIs('已报送');
    await signOut();

    await signInAs('县财政局预算股（财政）');
    const queued = page.locator('.queue li', { hasText: '馆陶县信访局（501）预算草案' });
    await queued.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'finance-queue.png'), fullPage: false });
    await checkAccessibleAtBothSizes(page, 'finance queue');
    await queued.getByRole('link').click();
    await page.getByRole('heading', { name: '审核意见' }).waitFor();
    await checkAccessibleAtBothSizes(page, 'finance review');
    // A return needs a reason: the API's field error shows at the reason field.
    await page.getByRole('button', { name: '退回…', exact: true }).click();
    const reasonField = page.locator('.field', { has: page.getByLabel('退回理由') });
    await reasonField.locator('.field-error').waitFor();
    await page.getByLabel('退回理由').fill(RETURN_REASON);
    await page.getByRole('button', { name: '退回…', exact: true }).click();
    // The confirmation names the reason before anything is sent.
    await page.getByRole('dialog', { name: '确认退回' }).getByText(RETURN_REASON).waitFor();
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回部门').waitFor();
    await statusIs('编制中');
    await signOut();
  });

  it('the department sees the reason, edits a project and resubmits', async () => {
    await signInAs('馆陶县信访局（部门经办人）');
    expect(await page.locator('.return-reason').textContent()).toBe(RETURN_REASON);
    await page.getByRole('link', { name: '项目支出' }).click();
    await page.getByRole('link', { name: '律师陪访经费' }).click();
    await page.getByLabel('项目用途').fill(NEW_PURPOSE);
    await page.getByRole('button', { name: '保存项目' }).click();
    await page.getByText('项目已保存').waitFor();
    await page.getByRole('link', { name: '概况与报送' }).click();
    await page.getByRole('button', { name: '报送财政部门' }).click();
    await page.getByRole('button', { name: '确认报送' }).click();
    await page.getByText('已报送财政部门审核').waitFor();
    await signOut();
  });

  it('finance sees what changed since the return, approves and publishes version 1', async () => {
    await signInAs('县财政局预算股（财政）');
    await page.locator('.queue li', { hasText: '馆陶县信访局（501）预算草案' }).getByRole('link').click();
    const changes = page.locator('table', { has: page.getByText('退回后部门所作修改') });
    await changes.waitFor();
    expect(await changes.innerText()).toContain('律师陪访经费');
    expect(await changes.innerText()).toContain('修改：用途');
    await page.getByRole('button', { name: '批复…', exact: true }).click();
    await page.getByRole('button', { name: '确认批复第 1 版' }).click();
    await statusIs('已批复');
    await page.getByRole('button', { name: '公开版本 1…' }).click();
    await page.getByRole('button', { name: '确认公开' }).click();
    await page.getByText('第 1 版已公开').waitFor();
    await statusIs('已公开');
    await signOut();
  });

  it('anyone reads the published disclosure page without signing in', async () => {
    const anonymous = await web.context.newPage();
    try {
      await anonymous.goto(`${base}/public/501/2024`);
      await anonymous.getByRole('heading', { name: '馆陶县信访局 2024年部门预算公开' }).waitFor();
      await anonymous.getByRole('heading', { name: /表1 部门预算收支总表/ }).waitFor();
      expect(await anonymous.getByRole('button', { name: '退出登录' }).count()).toBe(0);
      const t1 = await anonymous.locator('section.disclosure-table').first().innerText();
      expect(t1).toContain('654.24');
      expect(await anonymous.locator('section.disclosure-table').count()).toBe(9);
      expect(await anonymous.getByText('律师陪访经费绩效目标表').count()).toBe(1);
      await anonymous.screenshot({ path: path.join(screenshots, 'public-disclosure.png'), fullPage: false });
      await checkAccessibleAtBothSizes(anonymous, 'public disclosure');
    } finally {
      await anonymous.close();
    }
  });

  it('the department records payments by hand and as CSV, reports an indicator, and sees its inbox', async () => {
    await signInAs('馆陶县信访局（部门经办人）');
    await page.getByRole('link', { name: '支付与指标进度' }).click();
    await page.getByRole('heading', { name: '登记一笔支出' }).waitFor();
    // The approved budget as the public API gives it: every line and project paid to its 6月底 plan (50%),
    // except 律师陪访经费 at 35% — 15 points behind its plan, a yellow warning (10–20 points).
    const { token } = (await (await fetch(`${base}/v1/dev/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'department', department: '501' }) })).json()) as { token: string };
    const approved = (await (await fetch(`${base}/v1/budgets/501/2024?version=approved`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      content: { basicExpenditureLines: Array<{ lineId: string; amount: string }>; projects: Array<{ code: string; amount: string }> };
    };
    const [firstLine, ...otherLines] = approved.content.basicExpenditureLines;
    const half = (amount: string) => new Decimal(amount).div(2).toFixed(2);

    // One payment through the form; a bad date first shows the field error.
    await page.getByLabel('凭证号').fill('PZ-2024-0001');
    await page.getByLabel('支付日期').fill('2024-13-45');
    await page.getByLabel('支付金额（元）').fill(half(firstLine.amount));
    await page.getByLabel('支出对象').selectOption(`line:${firstLine.lineId}`);
    await page.getByLabel('收款人').fill('馆陶县信访局工资专户');
    await page.getByRole('button', { name: '登记支出' }).click();
    await page.locator('.field', { has: page.getByLabel('支付日期') }).locator('.field-error').waitFor();
    // A date after the (demo) clock's today is refused: the walk-through's today is 2024-06-26.
    await page.getByLabel('支付日期').fill('2024-06-27');
    await page.getByRole('button', { name: '登记支出' }).click();
    await page.locator('.field', { has: page.getByLabel('支付日期') }).locator('.field-error', { hasText: '晚于今天 2024-06-26' }).waitFor();
    await page.getByLabel('支付日期').fill('2024-06-20');
    await page.getByRole('button', { name: '登记支出' }).click();
    await page.getByText('凭证 PZ-2024-0001 已登记').waitFor();

    const rows = [
      ...otherLines.map((line, i) => `PZ-2024-1${String(i).padStart(3, '0')},2024-06-25,${half(line.amount)},${line.lineId},,馆陶县信访局,`),
      ...approved.content.projects.map((project, i) => {
        const amount = project.code === LAWYER_PROJECT ? (lawyerPaid = new Decimal(project.amount).mul('0.35').toFixed(2)) : half(project.amount);
        return `PZ-2024-2${String(i).padStart(3, '0')},2024-06-26,${amount},,${project.code},项目承办单位,上半年支出`;
      }),
    ];
    const csv = path.join(web.dataDir, 'payments-2024-h1.csv');
    writeFileSync(csv, ['voucher,date,amount,basicLineId,projectCode,payee,note', ...rows].join('\n'));
    await page.getByLabel('支出 CSV 文件').setInputFiles(csv);
    await page.getByText(`共 ${rows.length} 笔：新登记 ${rows.length} 笔`).waitFor();

    // The department's own view at 6月底: the lawyer project is the one behind.
    await page.getByLabel('截至', { exact: true }).selectOption('6月底');
    const lawyer = page.locator('table.monitoring tr', { hasText: '律师陪访经费' });
    await lawyer.getByText('黄色预警').waitFor();
    expect(await lawyer.innerText()).toContain('35.00%');
    await checkAccessibleAtBothSizes(page, 'payments and progress');

    // Indicator progress for the lagging project.
    await page.getByLabel('项目', { exact: true }).selectOption(LAWYER_PROJECT);
    await page.getByLabel('指标', { exact: true }).selectOption('律师出勤率');
    await page.getByLabel('填报日期').fill('2024-06-26');
    await page.getByLabel('截至目前完成值').fill('96');
    await page.getByLabel('全年预计完成值').fill('96');
    await page.getByRole('button', { name: '填报进度' }).click();
    await page.getByText('指标进度已填报').waitFor();

    // On 26 June nothing is due yet: the inbox is empty.
    await page.getByRole('link', { name: '消息提醒' }).click();
    await page.getByRole('heading', { name: '消息提醒', level: 2 }).waitFor();
    await page.getByText('没有消息。').waitFor();
    await signOut();
  });

  it('restarted at 08:59:50 on 27 June, the 3-day lead reminder fires and the department reads it in its inbox', async () => {
    await web.restart({ CLOCK_START: LEAD_REMINDER_CLOCK });
    await signInAs('馆陶县信访局（部门经办人）');
    await page.getByRole('link', { name: '消息提醒' }).click();
    await page.getByRole('heading', { name: '消息提醒', level: 2 }).waitFor();
    // The in-process scheduler fires at 09:00 on the demo clock; the page loads the inbox once, so look again until it is there.
    const notices = page.locator('.inbox li');
    for (let attempt = 0; attempt < 60 && (await notices.count()) === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await page.reload();
      await page.getByRole('heading', { name: '消息提醒', level: 2 }).waitFor();
      await page.getByText('没有消息。').or(notices.first()).waitFor();
    }
    // Exactly one reminder: every other project is paid to its 50% plan, so only 律师陪访经费 is behind —
    // with the payments recorded the day before (35%), not the 0% it would have shown before them.
    expect(await notices.count()).toBe(1);
    const notice = await notices.first().innerText();
    expect(notice).toContain('【未读】资金支出进度提醒：律师陪访经费');
    expect(notice).toContain(`项目「律师陪访经费」（${LAWYER_PROJECT}）按资金支出计划应于2024年6月底前累计支出50.00%`);
    expect(notice).toContain(`截至2024-06-27已支出${lawyerPaid}元（35.00%）`);
    expect(notice).toContain('距节点还有3天');
    // Sent at 09:00 on the demo clock, shown in Beijing time.
    expect(notice).toContain('2024-06-27 09:00');
    await page.screenshot({ path: path.join(screenshots, 'department-inbox.png'), fullPage: false });
    await checkAccessibleAtBothSizes(page, 'inbox');
    await signOut();
  }, 120_000);

  it('the supervisor sees the county turn yellow for the lagging project and drills down', async () => {
    await signInAs('县人大预算工委（监督）');
    // The 部门一览 row (the execution table below lists the department too, and may render first).
    const overview = page.locator('table', { has: page.locator('caption', { hasText: '各部门预算状态与金额' }) });
    const row = overview.locator('tr', { hasText: '馆陶县信访局' });
    await row.waitFor();
    expect(await row.innerText()).toContain('已公开');
    expect(await row.innerText()).toContain('654.24');
    await page.getByLabel('截至', { exact: true }).selectOption('6月底');
    const execution = page.locator('table.monitoring tr', { hasText: '馆陶县信访局' });
    await execution.getByText('黄 1 / 红 0').waitFor();
    const warning = page.locator('.warnings-list li', { hasText: '律师陪访经费' });
    expect(await warning.innerText()).toContain('黄色预警');
    expect(await page.locator('.warnings-list li').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'supervisor-dashboard.png'), fullPage: true });
    await checkAccessibleAtBothSizes(page, 'supervisor dashboard');
    await page.locator('table.monitoring').getByRole('link', { name: '馆陶县信访局' }).click();
    await page.getByText('显示最近批复版本（版本 1）').waitFor();
    await page.getByLabel('截至', { exact: true }).selectOption('6月底');
    await page.locator('table.monitoring tr', { hasText: '律师陪访经费' }).getByText('黄色预警').waitFor();
    await checkAccessibleAtBothSizes(page, 'supervisor drill-down');
  });
});
