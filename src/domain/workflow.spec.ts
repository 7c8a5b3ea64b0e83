import {
  ACTIONS,
  Action,
  Actor,
  ROLES,
  Role,
  STAGES,
  Stage,
  WorkflowClaim,
  actionOptions,
  allowedActions,
  applyAction,
  canEditField,
  canTakeAction,
  EDITABLE_FIELDS,
  EditableField,
  guardAction,
  canEditArticle,
  isOverdue,
} from './workflow';

/**
 * The expected matrix, written out by hand from the editorial rules rather than
 * derived from the module, so that a change to the rules shows up here.
 * Key: `${stage} ${action}`; value: the roles that may take it; target stage.
 */
const EXPECTED: Record<string, { roles: Role[]; to: Stage }> = {
  'new start': { roles: ['fact_checker', 'editor', 'admin'], to: 'researching' },
  'researching submit': { roles: ['fact_checker', 'editor', 'admin'], to: 'in_review' },
  'changes_requested submit': { roles: ['fact_checker', 'editor', 'admin'], to: 'in_review' },
  'in_review request_changes': { roles: ['editor', 'admin'], to: 'changes_requested' },
  'in_review approve': { roles: ['editor', 'admin'], to: 'approved' },
  'approved reopen': { roles: ['editor', 'admin'], to: 'researching' },
  'new dismiss': { roles: ['editor', 'admin'], to: 'dismissed' },
  'researching dismiss': { roles: ['editor', 'admin'], to: 'dismissed' },
  'changes_requested dismiss': { roles: ['editor', 'admin'], to: 'dismissed' },
  'dismissed restore': { roles: ['editor', 'admin'], to: 'new' },
};

/** A claim that meets every precondition, submitted by someone other than the actor. */
function readyClaim(stage: Stage): WorkflowClaim {
  return {
    stage,
    verdict: 'false',
    rationale: 'The figure comes from a single unnamed source.',
    evidenceCount: 2,
    assignee: 'casey',
    submittedBy: 'casey',
  };
}

const COMPLETE_INPUT = { note: 'Please cite the primary source.', reason: 'opinion' } as const;

function actor(role: Role): Actor {
  return { username: `${role}-user`, role };
}

describe('workflow rules', () => {
  it('enumerates six stages, seven actions and three roles', () => {
    expect(STAGES.length * ACTIONS.length * ROLES.length).toBe(126);
  });

  for (const stage of STAGES) {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const expected = EXPECTED[`${stage} ${action}`];
        const permitted = expected?.roles.includes(role) ?? false;
        it(`${role} ${permitted ? 'may' : 'may not'} ${action} a ${stage} claim`, () => {
          const claim = readyClaim(stage);
          const decision = guardAction(claim, actor(role), action, COMPLETE_INPUT);
          expect(decision.allowed).toBe(permitted);
          if (!decision.allowed) {
            expect(decision.refusal.code).toBe(expected ? 'role' : 'wrong_stage');
            expect(decision.refusal.message.length).toBeGreaterThan(10);
          }
          expect(allowedActions(claim, actor(role)).includes(action)).toBe(permitted);
          expect(actionOptions(claim, actor(role)).some((o) => o.action === action)).toBe(
            expected !== undefined,
          );
          const result = applyAction(claim, actor(role), action, COMPLETE_INPUT);
          expect(result.ok).toBe(permitted);
          if (result.ok) {
            expect(result.outcome.stage).toBe(expected!.to);
          }
        });
      }
    }
  }
});

describe('workflow preconditions', () => {
  const checker = actor('fact_checker');
  const editor = actor('editor');

  it('explains to a fact-checker that only an editor can approve', () => {
    const decision = canTakeAction(readyClaim('in_review'), checker, 'approve');
    expect(decision).toEqual({
      allowed: false,
      refusal: { code: 'role', message: 'Only an editor can approve.' },
    });
  });

  it('never lets the submitter approve their own claim (maker-checker)', () => {
    const claim = { ...readyClaim('in_review'), submittedBy: editor.username };
    const decision = canTakeAction(claim, editor, 'approve');
    expect(decision.allowed).toBeFalse();
    expect(decision.allowed ? null : decision.refusal.code).toBe('maker_checker');
    expect(canTakeAction(claim, actor('admin'), 'approve').allowed).toBeTrue();
  });

  it('records the submitter so that maker-checker can hold', () => {
    const result = applyAction(readyClaim('researching'), checker, 'submit');
    expect(result.ok && result.outcome.submittedBy).toBe(checker.username);
  });

  it('needs a verdict, a rationale and evidence before submitting', () => {
    const base = readyClaim('researching');
    const codeOf = (claim: WorkflowClaim) => {
      const decision = canTakeAction(claim, checker, 'submit');
      return decision.allowed ? 'allowed' : decision.refusal.code;
    };
    expect(codeOf({ ...base, verdict: null })).toBe('needs_verdict');
    expect(codeOf({ ...base, rationale: null })).toBe('needs_rationale');
    expect(codeOf({ ...base, rationale: '   ' })).toBe('needs_rationale');
    expect(codeOf({ ...base, evidenceCount: 0 })).toBe('needs_evidence');
    expect(codeOf({ ...base, evidenceCount: 0, verdict: 'unproven' })).toBe('allowed');
    const refusal = canTakeAction({ ...base, evidenceCount: 0 }, checker, 'submit');
    expect(refusal.allowed ? '' : refusal.refusal.message).toBe(
      'Add at least one evidence link before submitting.',
    );
  });

  it('needs a note to request changes and to reopen', () => {
    for (const [stage, action] of [
      ['in_review', 'request_changes'],
      ['approved', 'reopen'],
    ] as [Stage, Action][]) {
      const without = guardAction(readyClaim(stage), editor, action, { note: ' ' });
      expect(without.allowed ? null : without.refusal.code).toBe('needs_note');
      expect(guardAction(readyClaim(stage), editor, action, { note: 'Source is dead.' }).allowed)
        .withContext(action)
        .toBeTrue();
    }
  });

  it('needs a known reason to dismiss', () => {
    const claim = readyClaim('new');
    const without = guardAction(claim, editor, 'dismiss', {});
    expect(without.allowed ? null : without.refusal.code).toBe('needs_reason');
    expect(guardAction(claim, editor, 'dismiss', { reason: 'duplicate' }).allowed).toBeTrue();
  });

  it('makes the actor the assignee on start unless someone is named', () => {
    const claim = { ...readyClaim('new'), assignee: null };
    const own = applyAction(claim, checker, 'start');
    expect(own.ok && own.outcome.assignee).toBe(checker.username);
    const named = applyAction(claim, editor, 'start', { assignee: ' robin ' });
    expect(named.ok && named.outcome.assignee).toBe('robin');
  });

  it('marks a reopened approval as a correction', () => {
    const result = applyAction(readyClaim('approved'), editor, 'reopen', { note: 'New data.' });
    expect(result.ok && result.outcome.correction).toBeTrue();
    const approve = applyAction(readyClaim('in_review'), editor, 'approve');
    expect(approve.ok && approve.outcome.correction).toBeFalse();
  });

  it('offers the stage actions with the reason a disabled one is refused', () => {
    const options = actionOptions(readyClaim('in_review'), checker);
    expect(options.map((o) => o.action)).toEqual(['request_changes', 'approve']);
    expect(options.every((o) => !o.decision.allowed)).toBeTrue();
  });
});

describe('field editing rules', () => {
  /** Hand-written: which roles may change which field, in which stages. */
  const EDITORIAL = ['editor', 'admin'];
  const EVERYONE = ['fact_checker', 'editor', 'admin'];
  const EXPECTED_FIELDS: Record<EditableField, { roles: string[]; stages: Stage[] }> = {
    statement: {
      roles: EDITORIAL,
      stages: ['new', 'researching', 'changes_requested', 'in_review', 'dismissed'],
    },
    kind: {
      roles: EDITORIAL,
      stages: ['new', 'researching', 'changes_requested', 'in_review', 'dismissed'],
    },
    verdict: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    rationale: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    assignee: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested', 'in_review'] },
    evidence: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    dueAt: {
      roles: EDITORIAL,
      stages: ['new', 'researching', 'changes_requested', 'in_review'],
    },
    claimant: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    claimantType: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    claimDate: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
    summary: { roles: EVERYONE, stages: ['new', 'researching', 'changes_requested'] },
  };

  for (const field of EDITABLE_FIELDS) {
    for (const stage of STAGES) {
      for (const role of ROLES) {
        const rule = EXPECTED_FIELDS[field];
        const roleOk = rule.roles.includes(role);
        const stageOk = rule.stages.includes(stage);
        it(`${role} ${roleOk && stageOk ? 'may' : 'may not'} change ${field} while ${stage}`, () => {
          const decision = canEditField({ stage }, actor(role), field);
          expect(decision.allowed).toBe(roleOk && stageOk);
          if (!decision.allowed) {
            expect(decision.refusal.code).toBe(roleOk ? 'field_locked' : 'field_role');
          }
        });
      }
    }
  }
});

describe('deadlines', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const due = (dueAt: string | null, stage: Stage) => ({ dueAt, stage });

  it('counts a claim overdue once its due time has passed and its check is open', () => {
    expect(isOverdue(due('2026-12-04T11:59:00Z', 'researching'), now)).toBeTrue();
    expect(isOverdue(due('2026-12-04T11:59:00Z', 'in_review'), now)).toBeTrue();
    expect(isOverdue(due('2026-12-04T12:01:00Z', 'researching'), now)).toBeFalse();
    expect(isOverdue(due(null, 'researching'), now)).toBeFalse();
  });

  it('never counts a settled check overdue', () => {
    expect(isOverdue(due('2026-01-01T00:00:00Z', 'approved'), now)).toBeFalse();
    expect(isOverdue(due('2026-01-01T00:00:00Z', 'dismissed'), now)).toBeFalse();
  });

  it('lets only editors and admins set a due date, and only while the check is open', () => {
    expect(canEditField({ stage: 'in_review' }, actor('editor'), 'dueAt').allowed).toBeTrue();
    const checker = canEditField({ stage: 'researching' }, actor('fact_checker'), 'dueAt');
    expect(checker.allowed).toBeFalse();
    const settled = canEditField({ stage: 'approved' }, actor('admin'), 'dueAt');
    expect(settled.allowed ? '' : settled.refusal.message).toContain('settled check');
  });
});

describe('article editing', () => {
  it('is for editors and admins', () => {
    expect(canEditArticle(actor('editor')).allowed).toBeTrue();
    expect(canEditArticle(actor('admin')).allowed).toBeTrue();
    const refused = canEditArticle(actor('fact_checker'));
    expect(refused.allowed ? null : refused.refusal.code).toBe('role');
  });
});
