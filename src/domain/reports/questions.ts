/**
 * Asking the reporter a question (a triage action of the side the report is
 * addressed to): the question is stored and audited, and an e-mail puts it to
 * the reporter with a status link; the reporter answers on the status page,
 * and the answer lands on the report, beside the question. Nothing of it
 * reaches the other side or the public: to them the report does not exist.
 */
import type { Actor } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Store } from '../ports.js';
import type { ReportQuestion, ReporterQuestion } from '../../shared/reports.js';
import { hashToken, triageSide } from './report.service.js';

export interface QuestionStore {
  /**
   * Stores a question about a report addressed to `side`, audits it and queues
   * the e-mail to the reporter, in one transaction; undefined when the side
   * has no such report.
   */
  ask(actor: Actor, side: string, reference: string, question: string): Promise<ReportQuestion | undefined>;
  /** The questions about a report addressed to `side`, oldest first; undefined when there is no such report. */
  list(side: string, reference: string): Promise<ReportQuestion[] | undefined>;
  /**
   * The hash of the link given at submission for the report a status-link
   * token opens (that one, or one sent by e-mail); undefined for no report.
   */
  primaryHash(tokenHash: string): Promise<string | undefined>;
  /** The questions of the report a status link opens, as the reporter sees them. */
  forToken(tokenHash: string): Promise<ReporterQuestion[]>;
  /** Records the reporter's answer and audits it, in one transaction. */
  answer(
    actor: Actor,
    tokenHash: string,
    questionId: string,
    answer: string,
  ): Promise<'answered' | 'no-report' | 'no-question' | 'already-answered'>;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/** Asks the reporter of a report addressed to the caller's side a question (lead, analyst). */
export async function askReporter(
  store: Store,
  principal: Principal,
  actor: Actor,
  reference: string,
  question: string,
): Promise<ReportQuestion> {
  const q = await store.questions.ask(actor, triageSide(principal), reference, question.trim());
  if (!q) throw new NotFoundError('report', reference);
  return q;
}

/** The questions asked about a report of the caller's side, with the answers given. */
export async function questionsAbout(store: Store, principal: Principal, reference: string): Promise<ReportQuestion[]> {
  const list = await store.questions.list(triageSide(principal), reference);
  if (!list) throw new NotFoundError('report', reference);
  return list;
}

/** The reporter's answer, through a status link. A question is answered once. */
export async function answerQuestion(
  store: Store,
  actor: Actor,
  token: string,
  questionId: string,
  answer: string,
): Promise<ReporterQuestion[]> {
  const hash = TOKEN_PATTERN.test(token) ? hashToken(token) : undefined;
  const result = hash ? await store.questions.answer(actor, hash, questionId, answer.trim()) : 'no-report';
  if (result === 'no-report') throw new NotFoundError('report', 'status link');
  if (result === 'no-question') throw new NotFoundError('question', questionId);
  if (result === 'already-answered') {
    throw new ConflictError('question-answered', 'This question has already been answered; the answer stays as given.');
  }
  return store.questions.forToken(hash!);
}
