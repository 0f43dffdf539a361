import type { Problem } from '@budgetflow/contracts';
import { Loading, ProblemNotice } from './common';

/** What a page's load is doing: 正在加载… while it runs, the API's problem when it failed. */
export function LoadStatus({ of }: { of: { loading: boolean; problem?: Problem } }) {
  return (
    <>
      <Loading loading={of.loading} />
      <ProblemNotice problem={of.problem} />
    </>
  );
}
