import { given } from '../testing/given-when-then';
import { AT, approvedBudget, clerk501, financeOfficer, importedDraft, run } from '../testing/world';

describe('PublishVersion', () => {
  const approved = approvedBudget().state;

  it('publishes the approved version', () => {
    const state = given(approved)
      .when({ type: 'PublishVersion', actor: financeOfficer, version: 1 })
      .then([{ type: 'VersionPublished', data: { version: 1, by: financeOfficer.userId, at: AT } }]);
    expect(state.status).toBe('published');
    expect(state.versions[0]).toMatchObject({ published: true, publishedBy: financeOfficer.userId, publishedAt: AT });
    expect(state.versions[0].content).toBe(approved.versions[0].content);
  });

  it('a published version never changes: publishing it again changes nothing', () => {
    const published = run([{ type: 'PublishVersion', actor: financeOfficer, version: 1 }], approved).state;
    given(published).when({ type: 'PublishVersion', actor: financeOfficer, version: 1 }).thenNothing();
  });

  it('refuses unknown versions, unapproved budgets and non-finance actors', () => {
    given(approved).when({ type: 'PublishVersion', actor: financeOfficer, version: 2 }).thenThrows('VERSION_NOT_FOUND', 'version');
    given(importedDraft().state).when({ type: 'PublishVersion', actor: financeOfficer, version: 1 }).thenThrows('VERSION_NOT_FOUND');
    given(approved).when({ type: 'PublishVersion', actor: clerk501, version: 1 }).thenThrows('FORBIDDEN_ROLE');
    given([]).when({ type: 'PublishVersion', actor: financeOfficer, version: 1 }).thenThrows('BUDGET_NOT_FOUND');
  });
});
