/**
 * The closed lists, taken from the API schemas in src/shared so that the web
 * app offers and labels exactly what the server accepts. A test checks that
 * both catalogues label every value.
 */
import { Account, Dialogue, Issue, Meeting, Outcome } from '../shared/api.js';

export const ISSUE_STATUSES = Issue.shape.status.options;
export const CATEGORIES = Issue.shape.category.options;
export const VISIBILITIES = Issue.shape.visibility.options;
export const LEVELS = Dialogue.shape.level.options;
export const MEETING_FORMATS = Meeting.shape.format.options;
export const OUTCOME_KINDS = Outcome.shape.kind.options;
export const OUTCOME_STATUSES = Outcome.shape.status.options;
export const STANCES = Account.shape.raised.element.shape.stance.options;
export const PRINCIPLE_KINDS = Dialogue.shape.principles.element.shape.kind.options;
