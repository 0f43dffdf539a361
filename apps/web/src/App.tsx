import { type ReactNode, useEffect } from 'react';
import { DEFAULT_YEAR, type Session, loadSession, saveSession, client } from './api';
import { Link, match, useRouter } from './router';
import { SignIn } from './pages/SignIn';
import { DepartmentPage } from './pages/department/DepartmentPage';
import { FinanceQueue } from './pages/finance/FinanceQueue';
import { ProjectLibrary } from './pages/library/ProjectLibrary';
import { FinanceReview } from './pages/finance/FinanceReview';
import { YearEnd } from './pages/finance/YearEnd';
import { SupervisorDashboard } from './pages/supervisor/SupervisorDashboard';
import { SupervisorDepartment } from './pages/supervisor/SupervisorDepartment';
import { PublicDisclosure } from './pages/PublicDisclosure';
import { ChangePassword } from './pages/ChangePassword';
import { Users } from './pages/admin/Users';
import { CatalogImport } from './pages/admin/CatalogImport';

export const homeOf = (session: Session): string =>
  session.role === 'department'
    ? `/department/${session.department}/${DEFAULT_YEAR}`
    : session.role === 'finance'
      ? `/finance/${DEFAULT_YEAR}`
      : session.role === 'admin'
        ? '/admin/users'
        : `/supervisor/${DEFAULT_YEAR}`;

/** Ends the session on the server too when it is a local account's (its cookie is HttpOnly: only the server can end it). */
const signOut = async (session: Session): Promise<void> => {
  if (!session.token) await client.signOut().catch(() => undefined);
  saveSession(null);
};

const ROLE_NAMES: Record<string, string> = { department: '部门', finance: '财政', supervisor: '监督', admin: '管理员' };

function Shell({ session, children, wide }: { session: Session | null; children: ReactNode; wide?: boolean }) {
  const { navigate } = useRouter();
  return (
    <>
      <a className="skip" href="#main">
        跳到正文
      </a>
      <header className="topbar">
        <div className="brand">
          <Link to={session ? homeOf(session) : '/'}>部门预算管理平台</Link>
        </div>
        {session && (
          <nav aria-label="主导航" className="topnav">
            <Link to={homeOf(session)}>首页</Link>
            {session.role === 'admin' && <Link to={`/supervisor/${DEFAULT_YEAR}`}>全县概览</Link>}
            {session.role === 'admin' && <Link to="/admin/catalog">分类目录导入</Link>}
            {(session.role === 'department' || session.role === 'finance') && <Link to="/library">项目库</Link>}
            {!session.token && <Link to="/account/password">修改密码</Link>}
            <span className="who">
              {ROLE_NAMES[session.role] ?? session.role} · {session.label}
            </span>
            <button
              type="button"
              className="linklike"
              onClick={() => {
                void signOut(session).then(() => navigate('/login'));
              }}
            >
              退出登录
            </button>
          </nav>
        )}
      </header>
      <main id="main" className={wide ? 'main main-wide' : 'main'}>
        {children}
      </main>
      <footer className="footer">
        <p>金额单位：编辑时为元，公开表为万元。数据均来自服务的公开接口。</p>
      </footer>
    </>
  );
}

/** The county-wide pages by path, the more specific path first. */
const COUNTY_PAGES: Array<[string, (params: Record<string, string>) => ReactNode]> = [
  ['/finance/:year/:department/year-end', (p) => <YearEnd department={p['department']} year={p['year']} />],
  ['/finance/:year/:department', (p) => <FinanceReview department={p['department']} year={p['year']} />],
  ['/finance/:year', (p) => <FinanceQueue year={p['year']} />],
  ['/supervisor/:year/:department', (p) => <SupervisorDepartment department={p['department']} year={p['year']} />],
  ['/supervisor/:year', (p) => <SupervisorDashboard year={p['year']} />],
];

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to), [to, navigate]);
  return null;
}

export function App() {
  const { path } = useRouter();
  const session = loadSession();

  const disclosure = match('/public/:department/:year', path);
  if (disclosure) {
    return (
      <Shell session={session}>
        <PublicDisclosure department={disclosure['department']} year={disclosure['year']} />
      </Shell>
    );
  }
  if (path === '/login' || !session) {
    return (
      <Shell session={null}>
        <SignIn />
      </Shell>
    );
  }
  if (path === '/account/password' || session.mustChangePassword) {
    if (path !== '/account/password') return <Redirect to="/account/password" />;
    return (
      <Shell session={session}>
        <ChangePassword />
      </Shell>
    );
  }
  if (path === '/' ) return <Redirect to={homeOf(session)} />;
  if (path === '/library' && (session.role === 'department' || session.role === 'finance')) {
    return (
      <Shell session={session}>
        <ProjectLibrary />
      </Shell>
    );
  }
  if (path === '/admin/users' && session.role === 'admin') {
    return (
      <Shell session={session}>
        <Users />
      </Shell>
    );
  }

  if (path === '/admin/catalog' && session.role === 'admin') {
    return (
      <Shell session={session}>
        <CatalogImport />
      </Shell>
    );
  }

  const department = match('/department/:department/:year', path) ?? match('/department/:department/:year/:tab', path) ?? match('/department/:department/:year/:tab/:item', path);
  if (department && session.role === 'department') {
    return (
      <Shell session={session}>
        <DepartmentPage department={department['department']} year={department['year']} tab={department['tab'] ?? 'overview'} item={department['item']} />
      </Shell>
    );
  }
  // Finance and supervisor pages: every signed-in role but the department clerks; the first pattern that matches wins.
  if (session.role !== 'department') {
    for (const [pattern, page] of COUNTY_PAGES) {
      const params = match(pattern, path);
      if (params) return <Shell session={session}>{page(params)}</Shell>;
    }
  }
  return (
    <Shell session={session}>
      <h1>页面不存在</h1>
      <p>
        <Link to={homeOf(session)}>返回首页</Link>
      </p>
    </Shell>
  );
}
