/**
 * The priority of an issue, from the reports merged into it, shown with its
 * parts so that an analyst can see why it ranks where it does:
 *
 *   trade      = min(30, 10 × log10(1 + trade value / 1,000,000))   trade value as reported, summed
 *   companies  = min(20, 10 × log10(1 + companies affected))         summed over the reports
 *   breadth    = min(20, 10 × log2(1 + reports merged))
 *   time open  = min(15, months since the issue was opened)
 *   score      = (trade + companies + breadth + time open) × strategic weight
 *
 * The strategic weight is the side's own (1 unless the side sets one for the
 * issue's category; 0.5–3). Currencies are not converted: values are summed as
 * reported (most reports name USD or CNY; a later version may convert).
 */
export interface PriorityInput {
  tradeValue: number;
  companiesAffected: number;
  reports: number;
  openedAt: string;
  weight: number;
}

export interface PriorityParts {
  trade: number;
  companies: number;
  breadth: number;
  timeOpen: number;
  weight: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function priority(input: PriorityInput, now = new Date()): { score: number; parts: PriorityParts } {
  const months = Math.max(0, (now.getTime() - new Date(input.openedAt).getTime()) / (30 * 24 * 3600 * 1000));
  const parts: PriorityParts = {
    trade: round(Math.min(30, 10 * Math.log10(1 + input.tradeValue / 1_000_000))),
    companies: round(Math.min(20, 10 * Math.log10(1 + input.companiesAffected))),
    breadth: round(Math.min(20, 10 * Math.log2(1 + input.reports))),
    timeOpen: round(Math.min(15, months)),
    weight: Math.min(3, Math.max(0.5, input.weight)),
  };
  const score = round((parts.trade + parts.companies + parts.breadth + parts.timeOpen) * parts.weight);
  return { score, parts };
}
