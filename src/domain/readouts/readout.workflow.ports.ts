/**
 * What the readout workflow needs from storage: readouts as stored versions
 * (draft, approved, published), and the versions of the records a readout is
 * built from (its fingerprint).
 */
import type { Viewer } from '../access/viewer.js';
import type { Actor } from '../audit/audit.js';
import type { Visibility } from '../vocabulary.js';
import type { ReadoutDocument, ReadoutLanguage } from './readout.model.js';

export const READOUT_STATES = ['draft', 'approved', 'published'] as const;
export type ReadoutState = (typeof READOUT_STATES)[number];

/** Every record a readout is built from, as `kind:id` → version. */
export type Fingerprint = Record<string, number>;

/** Who did a step of the workflow, and when. */
export interface ReadoutStep {
  by: string;
  at: string;
}

export interface StoredReadout {
  id: string;
  dialogue: string;
  meeting: number;
  /** A side's key, or `joint`. */
  side: string;
  lang: ReadoutLanguage;
  state: ReadoutState;
  model: ReadoutDocument;
  /** The hand-edited Markdown; undefined while the generated model stands. */
  text?: string;
  fingerprint: Fingerprint;
  /** 1, 2, … per (meeting, side, language), once published. */
  publishedNumber?: number;
  ownerSide: string | null;
  visibility: Visibility;
  version: number;
  created: ReadoutStep;
  edited?: ReadoutStep;
  approved?: ReadoutStep;
  published?: ReadoutStep;
}

export interface NewReadout {
  dialogue: string;
  meeting: number;
  side: string;
  lang: ReadoutLanguage;
  model: ReadoutDocument;
  text?: string;
  fingerprint: Fingerprint;
  ownerSide: string | null;
  visibility: Visibility;
}

export type ReadoutChange =
  { kind: 'edit'; text: string } | { kind: 'approve'; fingerprint: Fingerprint } | { kind: 'publish' };

export interface ReadoutStore {
  /** The readouts of a meeting the viewer may see, newest first. */
  list(viewer: Viewer, dialogueKey: string, meetingNumber: number): Promise<StoredReadout[]>;
  get(viewer: Viewer, dialogueKey: string, meetingNumber: number, id: string): Promise<StoredReadout | undefined>;
  /** The working copy (draft or approved) of (meeting, side, language), if any. */
  working(
    dialogueKey: string,
    meetingNumber: number,
    side: string,
    lang: ReadoutLanguage,
  ): Promise<StoredReadout | undefined>;
  /**
   * The current versions of the records a readout of that meeting is built from, as far as the
   * readout's side may know of them (`ownerSide` null: the joint statement, public and shared records).
   */
  fingerprint(dialogueKey: string, meetingNumber: number, ownerSide: string | null): Promise<Fingerprint>;
  create(r: NewReadout, actor: Actor): Promise<StoredReadout>;
  /**
   * Applies a change to a working copy, audited, if its version is still `expectedVersion`
   * (undefined: whatever it is); returns undefined when the version differs.
   */
  change(
    id: string,
    expectedVersion: number | undefined,
    change: ReadoutChange,
    actor: Actor,
  ): Promise<StoredReadout | undefined>;
}
