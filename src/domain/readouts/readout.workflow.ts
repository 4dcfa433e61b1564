/**
 * The public-affairs workflow of readouts: draft → approved (by the side's
 * lead) → published (by the side's public affairs).
 *
 * - A draft is generated from the record; its text may be edited by hand (with
 *   If-Match), and the edit is kept apart from the generated model.
 * - Only the side's lead and public-affairs users act on its readouts (either
 *   side's, for the joint statement); drafts and approved readouts are
 *   internal to the side (shared for the joint statement), so the other side
 *   is told 404; published ones are public.
 * - Approving takes the fingerprint of the record again. A record changed
 *   after that makes the readout `outOfDate`; publishing an out-of-date
 *   readout is refused (409 `readout-out-of-date`) unless the publisher
 *   confirms it, or the lead approves it again.
 * - Editing an approved readout returns it to draft. A published readout is
 *   frozen: editing it starts a new draft with the edited text, and publishing
 *   that one gives version 2, 3, … of the published readout.
 */
import type { Viewer } from '../access/viewer.js';
import { canonicalJson, type Actor } from '../audit/audit.js';
import { may, type Action, type Principal } from '../auth/roles.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  VersionConflictError,
} from '../errors.js';
import type { Store } from '../ports.js';
import { JOINT, type ReadoutDocument, type ReadoutLanguage } from './readout.model.js';
import { generateReadout } from './readout.service.js';
import { documentFromText } from './readout.text.js';
import type { Fingerprint, ReadoutStore, StoredReadout } from './readout.workflow.ports.js';

export type ReadoutWorkflowDeps = Pick<Store, 'dialogues' | 'meetings' | 'issues'> & {
  readouts: ReadoutStore;
  /** The Markdown renderer (src/readouts/markdown.ts), passed in: the domain imports no renderer. */
  toMarkdown: (doc: ReadoutDocument) => string;
};

/** A readout as the API shows it. */
export interface ReadoutView extends Omit<StoredReadout, 'model' | 'text' | 'fingerprint'> {
  /** The Markdown of the readout: the edited text, or the generated model as Markdown. */
  text: string;
  /** True when the text was edited by hand. */
  handEdited: boolean;
  /** A record it was built from changed since it was drafted or approved; absent for the public. */
  outOfDate?: boolean;
}

function changed(a: Fingerprint, b: Fingerprint): boolean {
  return canonicalJson(a) !== canonicalJson(b);
}

async function view(deps: ReadoutWorkflowDeps, viewer: Viewer, r: StoredReadout): Promise<ReadoutView> {
  const { model, text, fingerprint, ...rest } = r;
  void fingerprint;
  const v: ReadoutView = { ...rest, text: text ?? deps.toMarkdown(model), handEdited: text !== undefined };
  // Only the readout's own side (either side, for the joint statement) is told; the public never.
  const own =
    viewer.kind === 'system' || (viewer.kind === 'side' && (r.ownerSide === null || r.ownerSide === viewer.side));
  if (own) v.outOfDate = changed(r.fingerprint, await deps.readouts.fingerprint(r.dialogue, r.meeting, r.ownerSide));
  return v;
}

/** The document a stored readout says: its edited text read back, or the generated model. */
export function documentOf(r: StoredReadout): ReadoutDocument {
  return r.text === undefined ? r.model : documentFromText(r.text, r.model);
}

/** Whether the principal acts for the readout's side: its own side, or either side of a joint statement. */
function actsFor(principal: Principal, side: string, dialogueSides: readonly string[]): boolean {
  const own = principal.user.side;
  return side === JOINT ? dialogueSides.includes(own) : side === own;
}

function requireRole(principal: Principal, action: Action) {
  if (!may(principal, action)) {
    throw new ForbiddenError(
      principal.scope !== 'write'
        ? 'This API token is read-only.'
        : `Your role (${principal.user.role}) may not do this (${action}).`,
    );
  }
}

async function sidesOf(deps: ReadoutWorkflowDeps, viewer: Viewer, dialogueKey: string): Promise<string[]> {
  const d = await deps.dialogues.get(viewer, dialogueKey);
  if (!d) throw new NotFoundError('dialogue', dialogueKey);
  return d.sides.map((s) => s.key);
}

async function meetingSeen(deps: ReadoutWorkflowDeps, viewer: Viewer, dialogueKey: string, n: number) {
  const sides = await sidesOf(deps, viewer, dialogueKey);
  if (!(await deps.meetings.get(viewer, dialogueKey, n))) throw new NotFoundError('meeting', `${dialogueKey}/${n}`);
  return sides;
}

export async function listReadouts(
  deps: ReadoutWorkflowDeps,
  viewer: Viewer,
  dialogueKey: string,
  n: number,
): Promise<ReadoutView[]> {
  await meetingSeen(deps, viewer, dialogueKey, n);
  const rows = await deps.readouts.list(viewer, dialogueKey, n);
  return Promise.all(rows.map((r) => view(deps, viewer, r)));
}

async function find(deps: ReadoutWorkflowDeps, viewer: Viewer, dialogueKey: string, n: number, id: string) {
  const r = await deps.readouts.get(viewer, dialogueKey, n, id);
  if (!r) throw new NotFoundError('readout', id);
  return r;
}

export async function getStoredReadout(
  deps: ReadoutWorkflowDeps,
  viewer: Viewer,
  dialogueKey: string,
  n: number,
  id: string,
): Promise<StoredReadout> {
  return find(deps, viewer, dialogueKey, n, id);
}

export async function getReadout(
  deps: ReadoutWorkflowDeps,
  viewer: Viewer,
  dialogueKey: string,
  n: number,
  id: string,
): Promise<ReadoutView> {
  return view(deps, viewer, await find(deps, viewer, dialogueKey, n, id));
}

/**
 * Generates a new draft of (meeting, side, language) from the record as the
 * principal sees it. 409 `readout-exists` when a draft or approved readout of
 * it is already in the works (edit or publish that one).
 */
export async function createDraft(
  deps: ReadoutWorkflowDeps,
  principal: Principal,
  viewer: Viewer,
  actor: Actor,
  dialogueKey: string,
  n: number,
  input: { side: string; lang: ReadoutLanguage; text?: string },
): Promise<ReadoutView> {
  requireRole(principal, 'readout.draft');
  const sides = await meetingSeen(deps, viewer, dialogueKey, n);
  if (input.side !== JOINT && !sides.includes(input.side)) throw new NotFoundError('side', input.side);
  if (!actsFor(principal, input.side, sides)) {
    throw new ForbiddenError(`Only the ${input.side} side's lead and public affairs draft its readouts.`);
  }
  const model = await generateReadout(deps, viewer, dialogueKey, n, input.side, input.lang);
  const existing = await deps.readouts.working(dialogueKey, n, input.side, input.lang);
  if (existing) {
    throw new ConflictError(
      'readout-exists',
      `A ${existing.state} ${input.lang} readout of this meeting for ${input.side} is already in the works; edit or publish it.`,
      { id: existing.id, state: existing.state },
    );
  }
  const created = await deps.readouts.create(
    {
      dialogue: dialogueKey,
      meeting: n,
      side: input.side,
      lang: input.lang,
      model,
      ...(input.text !== undefined ? { text: input.text } : {}),
      fingerprint: await deps.readouts.fingerprint(dialogueKey, n, input.side === JOINT ? null : input.side),
      ownerSide: input.side === JOINT ? null : input.side,
      visibility: input.side === JOINT ? 'shared' : 'internal',
    },
    actor,
  );
  return view(deps, viewer, created);
}

/** Finds a readout the principal may act on, with `action`: 401/403/404 in the order of the access rules. */
async function actable(
  deps: ReadoutWorkflowDeps,
  principal: Principal,
  viewer: Viewer,
  action: Action,
  dialogueKey: string,
  n: number,
  id: string,
): Promise<StoredReadout> {
  requireRole(principal, action);
  const r = await find(deps, viewer, dialogueKey, n, id);
  const sides = await sidesOf(deps, viewer, dialogueKey);
  if (!actsFor(principal, r.side, sides)) {
    throw new ForbiddenError(`Only the ${r.side} side's lead and public affairs act on its readouts.`);
  }
  return r;
}

function versionConflict(r: StoredReadout): never {
  throw new VersionConflictError('readout', r.version, { id: r.id, version: r.version, state: r.state });
}

/**
 * Replaces the text of a draft or approved readout (an approved one returns to
 * draft). On a published readout, which is frozen, it starts a new draft with
 * that text instead (`created: true`).
 */
export async function editReadout(
  deps: ReadoutWorkflowDeps,
  principal: Principal,
  viewer: Viewer,
  actor: Actor,
  dialogueKey: string,
  n: number,
  id: string,
  expectedVersion: number | undefined,
  text: string,
): Promise<{ readout: ReadoutView; created: boolean }> {
  const r = await actable(deps, principal, viewer, 'readout.draft', dialogueKey, n, id);
  if (expectedVersion === undefined) throw new PreconditionRequiredError();
  if (expectedVersion !== r.version) versionConflict(r);
  if (r.state === 'published') {
    const existing = await deps.readouts.working(dialogueKey, n, r.side, r.lang);
    if (existing) {
      throw new ConflictError(
        'readout-exists',
        'A newer draft of this readout is already in the works; edit that one.',
        { id: existing.id, state: existing.state },
      );
    }
    const created = await deps.readouts.create(
      {
        dialogue: dialogueKey,
        meeting: n,
        side: r.side,
        lang: r.lang,
        model: r.model,
        text,
        fingerprint: await deps.readouts.fingerprint(dialogueKey, n, r.ownerSide),
        ownerSide: r.side === JOINT ? null : r.side,
        visibility: r.side === JOINT ? 'shared' : 'internal',
      },
      actor,
    );
    return { readout: await view(deps, viewer, created), created: true };
  }
  const changedRow = await deps.readouts.change(id, expectedVersion, { kind: 'edit', text }, actor);
  if (!changedRow) versionConflict((await find(deps, viewer, dialogueKey, n, id)) ?? r);
  return { readout: await view(deps, viewer, changedRow), created: false };
}

/** The side's lead approves a draft (or approves an approved one again, after a change to the record). */
export async function approveReadout(
  deps: ReadoutWorkflowDeps,
  principal: Principal,
  viewer: Viewer,
  actor: Actor,
  dialogueKey: string,
  n: number,
  id: string,
  expectedVersion: number | undefined,
): Promise<ReadoutView> {
  const r = await actable(deps, principal, viewer, 'readout.approve', dialogueKey, n, id);
  if (r.state === 'published') throw new ConflictError('readout-published', 'This readout is already published.');
  if (expectedVersion !== undefined && expectedVersion !== r.version) versionConflict(r);
  const fingerprint = await deps.readouts.fingerprint(dialogueKey, n, r.ownerSide);
  const after = await deps.readouts.change(id, expectedVersion, { kind: 'approve', fingerprint }, actor);
  if (!after) versionConflict(r);
  return view(deps, viewer, after);
}

/** The side's public affairs publish an approved readout: frozen, numbered, public. */
export async function publishReadout(
  deps: ReadoutWorkflowDeps,
  principal: Principal,
  viewer: Viewer,
  actor: Actor,
  dialogueKey: string,
  n: number,
  id: string,
  expectedVersion: number | undefined,
  confirmOutOfDate = false,
): Promise<ReadoutView> {
  const r = await actable(deps, principal, viewer, 'readout.publish', dialogueKey, n, id);
  if (r.state === 'published') throw new ConflictError('readout-published', 'This readout is already published.');
  if (r.state !== 'approved') {
    throw new ConflictError('readout-not-approved', "Only a readout approved by the side's lead can be published.");
  }
  if (expectedVersion !== undefined && expectedVersion !== r.version) versionConflict(r);
  if (!confirmOutOfDate && changed(r.fingerprint, await deps.readouts.fingerprint(dialogueKey, n, r.ownerSide))) {
    throw new ConflictError(
      'readout-out-of-date',
      'The record changed after this readout was approved: have it approved again, or confirm that it is to be published as it is.',
    );
  }
  const after = await deps.readouts.change(id, expectedVersion, { kind: 'publish' }, actor);
  if (!after) versionConflict(r);
  return view(deps, viewer, after);
}
