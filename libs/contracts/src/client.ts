import type { Static } from '@sinclair/typebox';
import type { AccountAnswer, AccountList, AccountWithOneTimePassword, NewAccountRequest, PasswordChangeRequest, SignedIn, SignInMethods, SignInRequest, WhoAmI } from './accounts';
import type { BudgetDiff, BudgetHistory, BudgetRounds, BudgetView, CatalogView, ConsistencyAnswer, CountyOverview, DisclosureAnswer, DisclosureTableAnswer, DisclosureTablesAnswer } from './budget';
import type {
  AdjustmentApprovalRequest,
  AdjustmentRequest,
  ApprovalRequest,
  BasicLineRequest,
  BasicLineRevisionRequest,
  CarryOverRequest,
  ControlNumbersRequest,
  IncomeRequest,
  OpenDraftRequest,
  ProjectChangesRequest,
  ProjectFromLibraryRequest,
  ProjectRequest,
  ReasonRequest,
  ReviewStepRequest,
} from './budget-requests';
import type { AdjustmentRequested, BasicLineCreated, BasicLineRevised, BudgetCommandAnswer, BudgetImported, ProjectAdjusted, ProjectCreated } from './commands';
import type {
  BulkPaymentsAnswer,
  CountyMonitoring,
  DepartmentMonitoring,
  ExecutionSettingsRequest,
  ExecutionSettingsView,
  IndicatorProgressRecorded,
  IndicatorProgressRequest,
  Ledger,
  MonitoringWarnings,
  PaymentRecordedAnswer,
  PaymentRequest,
  PaymentReversedAnswer,
  ProjectMonitoringDetail,
  ReversePaymentRequest,
} from './execution';
import type { ContactList, ContactRequest, ContactView, Inbox, ReminderSettings, ReminderSettingsRequest, WebhookDeadLetters, WebhookList, WebhookRequest, WebhookView } from './reminders';
import type { AuditAnswer, DemoToken, DemoTokenRequest, DemoUsers, HealthAnswer } from './service';
import type {
  BudgetSettingsRequest,
  BudgetSettingsView,
  CloseYearRequest,
  CountyFinalAccounts,
  FinalAccountsView,
  LibraryCommandAnswer,
  LibraryProjectCreated,
  LibraryProjectList,
  LibraryProjectRequest,
  LibraryProjectView,
  ReviewQueue,
} from './year-end';
import type { CatalogLoaded, CountyFunctionalClasses, DisclosureSettingsRequest, DisclosureSettingsView } from './year-settings';

/**
 * The typed client of the API: one function per operation, its path, body and answer typed by the same schemas
 * that validate the requests and describe them in `/docs/openapi.json`. It does no I/O itself: the caller hands it
 * a `Transport` (the console's `fetch` with its session, the tests' `inject`), which answers the parsed JSON or
 * throws the problem. `O` is whatever per-call options that transport takes (e.g. `{ anonymous: true }`).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Transport<O> = <T>(method: HttpMethod, url: string, body: unknown, options?: O) => Promise<T>;

type Query = Record<string, string | number | boolean | undefined>;
type Budget = { department: string; year: number | string };

const seg = (value: string | number): string => encodeURIComponent(String(value));
/** The query string of the defined values (`?version=draft&after=12`), raw UTF-8 percent-encoded. */
export const queryString = (query: Query = {}): string => {
  const pairs = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  return pairs.length === 0 ? '' : `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&')}`;
};
export const budgetPath = ({ department, year }: Budget): string => `/v1/budgets/${seg(department)}/${seg(year)}`;
const executionPath = ({ department, year }: Budget): string => `/v1/execution/${seg(department)}/${seg(year)}`;

export function contractClient<O = undefined>(send: Transport<O>) {
  const get = <T>(url: string, options?: O) => send<T>('GET', url, undefined, options);
  const post = <T>(url: string, body?: unknown, options?: O) => send<T>('POST', url, body, options);
  const put = <T>(url: string, body: unknown, options?: O) => send<T>('PUT', url, body, options);
  const patch = <T>(url: string, body: unknown, options?: O) => send<T>('PATCH', url, body, options);
  const del = <T>(url: string, options?: O) => send<T>('DELETE', url, undefined, options);
  return {
    // — budget: drafting, review, queries —
    openDraft: (b: Budget, body: Static<typeof OpenDraftRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(budgetPath(b), body, o),
    declareIncome: (b: Budget, body: Static<typeof IncomeRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/income`, body, o),
    setCarryOver: (b: Budget, body: Static<typeof CarryOverRequest>, o?: O) => put<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/carry-over`, body, o),
    proposeBasicLine: (b: Budget, body: Static<typeof BasicLineRequest>, o?: O) => post<BasicLineCreated>(`${budgetPath(b)}/basic-lines`, body, o),
    reviseBasicLine: (b: Budget, lineId: string, body: Static<typeof BasicLineRevisionRequest>, o?: O) => patch<Static<typeof BasicLineRevised>>(`${budgetPath(b)}/basic-lines/${seg(lineId)}`, body, o),
    withdrawBasicLine: (b: Budget, lineId: string, o?: O) => del<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/basic-lines/${seg(lineId)}`, o),
    proposeProject: (b: Budget, body: Static<typeof ProjectRequest>, o?: O) => post<ProjectCreated>(`${budgetPath(b)}/projects`, body, o),
    scheduleProject: (b: Budget, body: Static<typeof ProjectFromLibraryRequest>, o?: O) => post<ProjectCreated>(`${budgetPath(b)}/projects/from-library`, body, o),
    adjustProject: (b: Budget, code: string, body: ProjectChangesRequest, o?: O) => patch<Static<typeof ProjectAdjusted>>(`${budgetPath(b)}/projects/${seg(code)}`, body, o),
    withdrawProject: (b: Budget, code: string, o?: O) => del<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/projects/${seg(code)}`, o),
    importBudget: (b: Budget, document: unknown, o?: O) => post<BudgetImported>(`${budgetPath(b)}/import`, document, o),
    submit: (b: Budget, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/submit`, undefined, o),
    returnDraft: (b: Budget, body: Static<typeof ReasonRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/return`, body, o),
    passReviewStep: (b: Budget, body: Static<typeof ReviewStepRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/review-steps`, body, o),
    approve: (b: Budget, body?: Static<typeof ApprovalRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/approve`, body, o),
    publish: (b: Budget, version: number, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/versions/${seg(version)}/publish`, undefined, o),
    setControlNumbers: (b: Budget, body: Static<typeof ControlNumbersRequest>, o?: O) => put<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/control-numbers`, body, o),
    requestAdjustment: (b: Budget, body: Static<typeof AdjustmentRequest>, o?: O) => post<AdjustmentRequested>(`${budgetPath(b)}/adjustments`, body, o),
    approveAdjustment: (b: Budget, adjustmentId: string, body?: Static<typeof AdjustmentApprovalRequest>, o?: O) =>
      post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/adjustments/${seg(adjustmentId)}/approve`, body, o),
    rejectAdjustment: (b: Budget, adjustmentId: string, body: Static<typeof ReasonRequest>, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/adjustments/${seg(adjustmentId)}/reject`, body, o),
    budget: (b: Budget, query: { version?: string | number } = {}, o?: O) => get<BudgetView>(`${budgetPath(b)}${queryString(query)}`, o),
    history: (b: Budget, o?: O) => get<BudgetHistory>(`${budgetPath(b)}/history`, o),
    rounds: (b: Budget, o?: O) => get<BudgetRounds>(`${budgetPath(b)}/rounds`, o),
    closeYear: (b: Budget, body: Static<typeof CloseYearRequest> = {}, o?: O) => post<Static<typeof BudgetCommandAnswer>>(`${budgetPath(b)}/close`, body, o),
    finalAccounts: (b: Budget, query: { provisional?: boolean } = {}, o?: O) => get<Static<typeof FinalAccountsView>>(`${budgetPath(b)}/final-accounts${queryString(query)}`, o),
    countyFinalAccounts: (year: string | number, query: { after?: string } = {}, o?: O) => get<Static<typeof CountyFinalAccounts>>(`/v1/final-accounts/${seg(year)}${queryString(query)}`, o),
    reviewQueue: (query: { year: string | number; after?: string }, o?: O) => get<ReviewQueue>(`/v1/review-queue${queryString(query)}`, o),
    budgetSettings: (year: string | number, o?: O) => get<BudgetSettingsView>(`/v1/budget-settings/${seg(year)}`, o),
    changeBudgetSettings: (year: string | number, body: Static<typeof BudgetSettingsRequest>, o?: O) => put<BudgetSettingsView>(`/v1/budget-settings/${seg(year)}`, body, o),
    libraryProjects: (query: { department?: string; status?: string; functionalClass?: string; year?: string | number; after?: string } = {}, o?: O) =>
      get<Static<typeof LibraryProjectList>>(`/v1/project-library${queryString(query)}`, o),
    libraryProject: (department: string, code: string, o?: O) => get<Static<typeof LibraryProjectView>>(`/v1/project-library/${seg(department)}/${seg(code)}`, o),
    proposeLibraryProject: (department: string, body: Static<typeof LibraryProjectRequest>, o?: O) => post<Static<typeof LibraryProjectCreated>>(`/v1/project-library/${seg(department)}`, body, o),
    returnLibraryProject: (department: string, code: string, body: Static<typeof ReasonRequest>, o?: O) =>
      post<Static<typeof LibraryCommandAnswer>>(`/v1/project-library/${seg(department)}/${seg(code)}/return`, body, o),
    poolLibraryProject: (department: string, code: string, o?: O) => post<Static<typeof LibraryCommandAnswer>>(`/v1/project-library/${seg(department)}/${seg(code)}/approve`, undefined, o),
    rejectLibraryProject: (department: string, code: string, body: Static<typeof ReasonRequest>, o?: O) =>
      post<Static<typeof LibraryCommandAnswer>>(`/v1/project-library/${seg(department)}/${seg(code)}/reject`, body, o),
    withdrawLibraryProject: (department: string, code: string, o?: O) => post<Static<typeof LibraryCommandAnswer>>(`/v1/project-library/${seg(department)}/${seg(code)}/withdraw`, undefined, o),
    diff: (b: Budget, query: { from: string | number; to: string | number }, o?: O) => get<BudgetDiff>(`${budgetPath(b)}/diff${queryString(query)}`, o),
    tables: (b: Budget, query: { version?: string | number; after?: string; unit?: string } = {}, o?: O) => get<DisclosureTablesAnswer>(`${budgetPath(b)}/tables${queryString(query)}`, o),
    table: (b: Budget, tableId: string, query: { version?: string | number; after?: string } = {}, o?: O) => get<Static<typeof DisclosureTableAnswer>>(`${budgetPath(b)}/tables/${seg(tableId)}${queryString(query)}`, o),
    disclosure: (b: Budget, query: { version?: string | number; after?: string } = {}, o?: O) => get<DisclosureAnswer>(`${budgetPath(b)}/disclosure${queryString(query)}`, o),
    consistency: (b: Budget, query: { version?: string | number; after?: string } = {}, o?: O) => get<ConsistencyAnswer>(`${budgetPath(b)}/consistency${queryString(query)}`, o),
    county: (query: { year: string | number; after?: string }, o?: O) => get<CountyOverview>(`/v1/budgets${queryString(query)}`, o),
    countyFunctionalClasses: (year: string | number, query: { version?: 'current' | 'approved' | 'published'; after?: string } = {}, o?: O) =>
      get<Static<typeof CountyFunctionalClasses>>(`/v1/county/${seg(year)}/functional-classes${queryString(query)}`, o),
    catalog: (year: string | number, o?: O) => get<CatalogView>(`/v1/catalogs/${seg(year)}`, o),
    loadCatalog: (year: string | number, body: unknown, o?: O) => put<Static<typeof CatalogLoaded>>(`/v1/catalogs/${seg(year)}`, body, o),
    disclosureSettings: (year: string | number, o?: O) => get<Static<typeof DisclosureSettingsView>>(`/v1/disclosure-settings/${seg(year)}`, o),
    changeDisclosureSettings: (year: string | number, body: Static<typeof DisclosureSettingsRequest>, o?: O) => put<Static<typeof DisclosureSettingsView>>(`/v1/disclosure-settings/${seg(year)}`, body, o),

    // — execution —
    recordPayment: (b: Budget, body: Static<typeof PaymentRequest>, o?: O) => post<PaymentRecordedAnswer>(`${executionPath(b)}/payments`, body, o),
    recordPayments: (b: Budget, rows: Array<Static<typeof PaymentRequest>>, o?: O) => post<BulkPaymentsAnswer>(`${executionPath(b)}/payments/bulk`, rows, o),
    reversePayment: (b: Budget, voucher: string, body: Static<typeof ReversePaymentRequest>, o?: O) => post<PaymentReversedAnswer>(`${executionPath(b)}/payments/${seg(voucher)}/reverse`, body, o),
    ledger: (b: Budget, query: { asOf?: string; checkpoint?: string; after?: string } = {}, o?: O) => get<Ledger>(`${executionPath(b)}/payments${queryString(query)}`, o),
    recordIndicatorProgress: (b: Budget, body: Static<typeof IndicatorProgressRequest>, o?: O) => post<Static<typeof IndicatorProgressRecorded>>(`${executionPath(b)}/indicator-progress`, body, o),
    departmentMonitoring: (b: Budget, query: { asOf?: string; checkpoint?: string; after?: string } = {}, o?: O) => get<DepartmentMonitoring>(`${executionPath(b)}/monitoring${queryString(query)}`, o),
    projectMonitoring: (b: Budget, code: string, query: { asOf?: string; checkpoint?: string; after?: string } = {}, o?: O) =>
      get<ProjectMonitoringDetail>(`${executionPath(b)}/monitoring/projects/${seg(code)}${queryString(query)}`, o),
    countyMonitoring: (year: string | number, query: { asOf?: string; checkpoint?: string; after?: string } = {}, o?: O) => get<CountyMonitoring>(`/v1/monitoring/${seg(year)}${queryString(query)}`, o),
    monitoringWarnings: (year: string | number, query: { asOf?: string; checkpoint?: string; after?: string; department?: string } = {}, o?: O) =>
      get<MonitoringWarnings>(`/v1/monitoring/${seg(year)}/warnings${queryString(query)}`, o),
    executionSettings: (year: string | number, o?: O) => get<Static<typeof ExecutionSettingsView>>(`/v1/execution-settings/${seg(year)}`, o),
    changeExecutionSettings: (year: string | number, body: Static<typeof ExecutionSettingsRequest>, o?: O) => put<Static<typeof ExecutionSettingsView>>(`/v1/execution-settings/${seg(year)}`, body, o),

    // — reminders —
    inbox: (query: { unread?: boolean; limit?: number } = {}, o?: O) => get<Inbox>(`/v1/notifications${queryString(query)}`, o),
    markRead: (id: string, o?: O) => post<void>(`/v1/notifications/${seg(id)}/read`, undefined, o),
    reminderSettings: (o?: O) => get<ReminderSettings>('/v1/reminder-settings', o),
    changeReminderSettings: (body: Static<typeof ReminderSettingsRequest>, o?: O) => put<ReminderSettings & { version: number }>('/v1/reminder-settings', body, o),
    contacts: (o?: O) => get<Static<typeof ContactList>>('/v1/notification-contacts', o),
    addContact: (body: Static<typeof ContactRequest>, o?: O) => post<Static<typeof ContactView>>('/v1/notification-contacts', body, o),
    removeContact: (id: string, o?: O) => del<void>(`/v1/notification-contacts/${seg(id)}`, o),
    webhooks: (o?: O) => get<Static<typeof WebhookList>>('/v1/webhooks', o),
    addWebhook: (body: Static<typeof WebhookRequest>, o?: O) => post<Static<typeof WebhookView>>('/v1/webhooks', body, o),
    removeWebhook: (id: string, o?: O) => del<void>(`/v1/webhooks/${seg(id)}`, o),
    webhookDeadLetters: (o?: O) => get<Static<typeof WebhookDeadLetters>>('/v1/webhook-dead-letters', o),

    // — accounts and sign-in —
    signInMethods: (o?: O) => get<Static<typeof SignInMethods>>('/v1/auth/methods', o),
    signIn: (body: Static<typeof SignInRequest>, o?: O) => post<Static<typeof SignedIn>>('/v1/auth/login', body, o),
    signOut: (o?: O) => post<void>('/v1/auth/logout', undefined, o),
    me: (o?: O) => get<Static<typeof WhoAmI>>('/v1/auth/me', o),
    changePassword: (body: Static<typeof PasswordChangeRequest>, o?: O) => post<Static<typeof AccountAnswer>>('/v1/auth/password', body, o),
    users: (o?: O) => get<Static<typeof AccountList>>('/v1/users', o),
    createUser: (body: Static<typeof NewAccountRequest>, o?: O) => post<Static<typeof AccountWithOneTimePassword>>('/v1/users', body, o),
    resetPassword: (login: string, o?: O) => post<Static<typeof AccountWithOneTimePassword>>(`/v1/users/${seg(login)}/password-reset`, undefined, o),
    disableUser: (login: string, o?: O) => post<Static<typeof AccountAnswer>>(`/v1/users/${seg(login)}/disable`, undefined, o),
    enableUser: (login: string, o?: O) => post<Static<typeof AccountAnswer>>(`/v1/users/${seg(login)}/enable`, undefined, o),
    demoUsers: (o?: O) => get<Static<typeof DemoUsers>>('/v1/dev/demo-users', o),
    demoToken: (body: Static<typeof DemoTokenRequest>, o?: O) => post<Static<typeof DemoToken>>('/v1/dev/demo-token', body, o),

    // — service —
    audit: (query: { department?: string; user?: string; from?: string; to?: string; type?: string; limit?: number } = {}, o?: O) => get<AuditAnswer>(`/v1/audit${queryString(query)}`, o),
    health: (o?: O) => get<Static<typeof HealthAnswer>>('/health', o),
  };
}
export type ContractClient<O = undefined> = ReturnType<typeof contractClient<O>>;
