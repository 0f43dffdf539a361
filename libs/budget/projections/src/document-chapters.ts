import type { RunningCostsSection, SectionTable } from './department-sections';
import type { BudgetContent, OverallPerformance } from './domain';
import type { Narrative, NarrativeSection } from './narrative';
import type { PerformanceGoalTable } from './performance-goal-tables';

/**
 * 部门预算信息公开情况说明 — the published explanation after the nine tables, chapter by chapter in the order a county
 * prints it (一 部门职责及机构设置 … 十一 其他需要说明的事项). Each chapter is paragraphs then small tables, all derived
 * from the same content as the tables, so the HTML page, the XLSX and the stored document print the same thing.
 */
export interface DisclosureChapter {
  /** e.g. `一、部门职责及机构设置情况` */
  heading: string;
  paragraphs: string[];
  tables: SectionTable[];
}

/** What the chapters are made of besides the content: the parts of the document already rendered. */
export interface ChapterParts {
  narrative: Narrative;
  runningCosts: RunningCostsSection;
  performanceGoals: PerformanceGoalTable[];
  procurement: SectionTable;
  fixedAssets: SectionTable | null;
}

/** 名词解释 — the standard glossary every 部门预算 publication of the province prints. */
export const GLOSSARY: readonly string[] = [
  '1、财政拨款收入：指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。',
  '2、财政专户管理资金收入：缴入财政专户、实行专项管理的教育收费收入。',
  '3、单位资金收入：指除财政拨款收入和财政专户管理资金以外的收入，包括事业收入（不含教育收费）、上级补助收入、附属单位上缴收入、事业单位经营收入及其他收入，其中，其他收入主要包括债务收入、投资收益等。',
  '4、事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。',
  '5、事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。',
  '6、上年结转：指以前年度安排、结转到本年仍按原规定用途继续使用的资金。',
  '7、部门预算支出：包括人员类项目支出、运转类项目支出和特定目标类项目支出。其中：人员类项目支出和运转类项目中的公用经费项目支出对应部门预算中的基本支出；运转类项目中的其他运转类项目支出和特定目标类项目支出对应部门预算中的项目支出，以及经营支出和往来支出。',
  '8、事业单位经营支出：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。',
  '9、“三公”经费：纳入财政预算管理的“三公”经费，是指预算部门（单位）用财政拨款安排的因公出国（境）费、公务用车购置及运维费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运维费反映单位公务用车购置支出（含车辆购置税、牌照费）及按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。',
  '10、机关运行经费：是指各部门（单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。',
];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * 部门机构设置情况 — each unit of `units[]` (and the department itself when lines of its own are budgeted, or when it has
 * no units), with 单位性质 from the budget. Rank and
 * funding form are not budget facts: they come from the department's profile, or from `text.organisation` entries
 * naming the unit, and stay blank otherwise.
 */
export const renderOrganisation = (content: BudgetContent): SectionTable => {
  const profiles = (content.text?.organisation ?? []).filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
  );
  const profileOf = (name: string) => profiles.find((entry) => entry['unitName'] === name);
  const department = content.department;
  const ownName = department.unitName ?? `${department.name}本级`;
  const units = content.units ?? [];
  const rows: string[][] = [];
  // With units[], the department's own 本级 is usually one of them; it is listed apart only when it spends itself.
  const ownSpending = [...content.basicExpenditureLines, ...content.projects].some((part) => (part.unit ?? department.code) === department.code);
  if (units.length === 0 || (ownSpending && !units.some((unit) => unit.code === department.code))) {
    const profile = profileOf(ownName);
    rows.push([ownName, department.unitKind, department.unitRank ?? text(profile?.['unitRank']), department.fundingForm ?? text(profile?.['fundingForm'])]);
  }
  for (const unit of units) {
    const profile = profileOf(unit.name);
    rows.push([unit.name, unit.unitKind, text(profile?.['unitRank']), text(profile?.['fundingForm'])]);
  }
  return {
    heading: '一、部门职责及机构设置情况',
    title: '部门机构设置情况',
    caption: [`${department.code}${department.name}`],
    header: [['单位名称', '单位性质', '单位规格', '经费保障形式']],
    rows,
    notes: [],
  };
};

/**
 * 部门整体支出绩效目标表 — one row per indicator, the 分项目标 and its 绩效目标 on its first row (merged in print), the
 * columns of a project's goal table.
 */
export const renderOverallPerformanceTable = (content: BudgetContent, overall: OverallPerformance): SectionTable => {
  const rows: string[][] = [];
  for (const goal of overall.goals) {
    if (goal.indicators.length === 0) rows.push([goal.name, goal.goal, '', '', '', '', '']);
    goal.indicators.forEach((indicator, i) => {
      const sameLevel1 = i > 0 && goal.indicators[i - 1].level1 === indicator.level1;
      rows.push([
        i === 0 ? goal.name : '',
        i === 0 ? goal.goal : '',
        sameLevel1 ? '' : indicator.level1,
        indicator.level2,
        indicator.name,
        indicator.target.printed,
        indicator.basis,
      ]);
    });
  }
  return {
    heading: '五、部门整体绩效目标',
    title: '部门整体支出绩效目标表',
    caption: [`${content.department.code}${content.department.name}`, `预算年度：${content.fiscalYear}`],
    header: [['分项目标', '绩效目标', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据']],
    rows,
    notes: [],
  };
};

const paragraphsOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const sectionParagraphs = (section: NarrativeSection): string[] => [section.heading, ...section.paragraphs];

/** 五、部门整体绩效目标: the structured goals as a table when given, else the department's free text as written. */
const overallPerformanceChapter = (content: BudgetContent): DisclosureChapter => {
  const heading = '五、部门整体绩效目标';
  const overall = content.text?.overallPerformance;
  if (!overall) {
    const paragraphs = paragraphsOf(content.text?.overallPerformanceGoals);
    return { heading, paragraphs: paragraphs.length > 0 ? paragraphs : ['无'], tables: [] };
  }
  return {
    heading,
    paragraphs: [
      ...(overall.summary ? ['（一）总体绩效目标', ...paragraphsOf(overall.summary)] : []),
      '（二）分项绩效目标（详见部门整体支出绩效目标表）',
      ...(overall.measures ? ['（三）工作保障措施', ...paragraphsOf(overall.measures)] : []),
    ],
    tables: [renderOverallPerformanceTable(content, overall)],
  };
};

/** The goal table of a project as a section table: no header of its own, the rows carry their labels. */
const goalTable = (goal: PerformanceGoalTable): SectionTable => ({
  heading: '七、部门项目预算安排情况及绩效目标',
  title: goal.title,
  caption: ['单位：万元'],
  header: [],
  rows: goal.rows,
  notes: [],
});

export const renderChapters = (content: BudgetContent, parts: ChapterParts): DisclosureChapter[] => {
  const { narrative, runningCosts, performanceGoals, procurement, fixedAssets } = parts;
  const name = content.department.name;
  const section = (heading: string) => narrative.sections.find((candidate) => candidate.heading === heading);
  const overview = ['1、收入说明', '2、支出说明', '3、比上年增减情况'].map(section).filter((s): s is NarrativeSection => !!s);
  const running = section('三、机关运行经费安排情况');
  const threePublic = section('四、财政拨款“三公”经费预算情况及增减变化原因');
  const assets = section('九、国有资产信息');
  const duties = content.text?.duties ?? [];
  return [
    {
      heading: '一、部门职责及机构设置情况',
      paragraphs: [...(duties.length > 0 ? ['部门职责：', ...duties] : []), '机构设置：'],
      tables: [renderOrganisation(content)],
    },
    {
      heading: '二、部门预算安排的总体情况',
      paragraphs: [
        `按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。${name}机关及所属事业单位的收支包含在部门预算中。`,
        ...overview.flatMap(sectionParagraphs),
      ],
      tables: [],
    },
    {
      heading: runningCosts.heading,
      paragraphs: running ? running.paragraphs : runningCosts.applies ? [] : ['本单位为事业单位，不涉及机关运行经费。'],
      tables: [],
    },
    { heading: '四、财政拨款“三公”经费预算情况及增减变化原因', paragraphs: threePublic?.paragraphs ?? [], tables: [] },
    overallPerformanceChapter(content),
    { heading: '六、部门主管专项资金预算安排情况及绩效目标', paragraphs: paragraphsOf(content.text?.specialFunds ?? '无'), tables: [] },
    {
      heading: '七、部门项目预算安排情况及绩效目标',
      paragraphs: performanceGoals.length === 0 ? ['无'] : [],
      tables: performanceGoals.map(goalTable),
    },
    { heading: procurement.heading, paragraphs: [], tables: [procurement] },
    {
      heading: '九、国有资产信息',
      paragraphs: assets ? assets.paragraphs : ['无'],
      tables: fixedAssets ? [fixedAssets] : [],
    },
    { heading: '十、名词解释', paragraphs: [...GLOSSARY], tables: [] },
    { heading: '十一、其他需要说明的事项', paragraphs: ['我部门无其他需要说明的事项。'], tables: [] },
  ];
};
