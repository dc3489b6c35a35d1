/**
 * The price of one unit (a meal, a session, a Wednesday) for one child on one day, and `explain`, the French sentence
 * saying which rule made it. The basket, the invoice and the attestation all price through `priceDay` and show
 * `explain(price)`: staff always, parents in the récapitulatif.
 *
 * Order of the rules: the base price (QF bracket, non-resident price, maximum price when the QF proof is missing or
 * expired on that day, or the PAI price), then the sibling reduction, then the tarif majoré, then the absence rules
 * (justified: free; unjustified after the cancellation deadline: due, plus the grid's penalty if any). Each
 * percentage is rounded half up to the cent on this line.
 */
import type { PlainDate } from '../calendar';
import { formatEuros, NBSP } from './format';
import { bracketFor, bracketRange, rulesOf, type Adjustment, type PriceBracket, type PriceGrid, type SiblingReduction } from './grid';
import { percentOf } from './money';

export interface FamilyPricing {
  resident: boolean;
  qf: number | null;
  /** Last day the QF attestation is valid (inclusive); null = no attestation. */
  qfValidUntil: PlainDate | null;
}

/** What happened that day: a booked day, a late booking, attendance without a booking, an absence. */
export type Occasion = 'booking' | 'late_booking' | 'unbooked_attendance' | 'justified_absence' | 'unjustified_absence';

export interface PriceInput {
  /** The grid in force that day (see gridInForce); null when the activity has no grid yet. */
  grid: PriceGrid | null;
  family: FamilyPricing;
  day: PlainDate;
  occasion?: Occasion;
  /** The child's meal is brought by the family under a PAI. */
  pai?: boolean;
  /** 1 for the first child of the family attending, 2 for the second… (sibling reduction). */
  siblingRank?: number;
}

export type PriceRule = 'qf_bracket' | 'non_resident' | 'missing_qf' | 'no_grid';

export type PriceStep =
  | { kind: 'sibling'; rank: number; reduction: SiblingReduction; cents: number }
  | { kind: 'late_booking' | 'unbooked_attendance'; adjustment: Adjustment; cents: number }
  | { kind: 'justified_absence'; cents: number }
  | { kind: 'unjustified_absence'; cents: number };

export interface Price {
  /** What is due, in cents (never negative). */
  cents: number;
  occasion: Occasion;
  base: {
    rule: PriceRule;
    cents: number;
    bracket: Pick<PriceBracket, 'rank' | 'qfMin' | 'qfMax'> | null;
    /** The PAI price replaced the meal price. */
    pai: boolean;
  };
  /** The adjustments after the base price, in order; each `cents` is the signed change it made. */
  steps: PriceStep[];
}

function basePrice(input: PriceInput): Price['base'] {
  const { grid, family, day } = input;
  if (!grid) return { rule: 'no_grid', cents: 0, bracket: null, pai: false };
  const rules = rulesOf(grid);
  const flatPai = input.pai && rules.paiCents !== null ? rules.paiCents : null;
  if (!family.resident) {
    return flatPai !== null
      ? { rule: 'non_resident', cents: flatPai, bracket: null, pai: true }
      : { rule: 'non_resident', cents: grid.nonResidentCents, bracket: null, pai: false };
  }
  const valid = family.qf !== null && family.qfValidUntil !== null && day <= family.qfValidUntil;
  // A QF matching no bracket (a gap in a badly typed grid) is priced as missing, never below what was published.
  const bracket = valid && family.qf !== null ? bracketFor(grid.brackets, family.qf) : undefined;
  if (!bracket) {
    if (input.pai) {
      const highestPai = Math.max(...grid.brackets.map((b) => b.paiCents ?? -1));
      const cents = flatPai ?? (highestPai >= 0 ? highestPai : null);
      if (cents !== null) return { rule: 'missing_qf', cents, bracket: null, pai: true };
    }
    return { rule: 'missing_qf', cents: grid.missingQfCents, bracket: null, pai: false };
  }
  const summary = { rank: bracket.rank, qfMin: bracket.qfMin, qfMax: bracket.qfMax };
  if (input.pai) {
    const cents = bracket.paiCents ?? flatPai;
    if (cents !== null && cents !== undefined) return { rule: 'qf_bracket', cents, bracket: summary, pai: true };
  }
  return { rule: 'qf_bracket', cents: bracket.unitPriceCents, bracket: summary, pai: false };
}

function adjusted(cents: number, adjustment: Adjustment): number {
  switch (adjustment.kind) {
    case 'amount':
      return cents + adjustment.cents;
    case 'percent':
      return cents + percentOf(cents, adjustment.percent);
    case 'fixed':
      return Math.max(cents, adjustment.cents);
  }
}

/** Prices one unit; pure, deterministic, integer cents throughout. */
export function priceDay(input: PriceInput): Price {
  const occasion = input.occasion ?? 'booking';
  const base = basePrice(input);
  const steps: PriceStep[] = [];
  let cents = base.cents;
  const rules = input.grid ? rulesOf(input.grid) : null;

  const sibling = rules?.sibling;
  const rank = input.siblingRank ?? 1;
  if (sibling && rank >= sibling.fromRank && cents > 0) {
    const reduction = Math.min(cents, sibling.kind === 'percent' ? percentOf(cents, sibling.value) : sibling.value);
    if (reduction > 0) {
      steps.push({ kind: 'sibling', rank, reduction: sibling, cents: -reduction });
      cents -= reduction;
    }
  }

  const surcharge = occasion === 'late_booking' ? rules?.lateBooking : occasion === 'unbooked_attendance' ? rules?.unbookedAttendance : null;
  if (surcharge && (occasion === 'late_booking' || occasion === 'unbooked_attendance')) {
    const after = adjusted(cents, surcharge);
    if (after !== cents) steps.push({ kind: occasion, adjustment: surcharge, cents: after - cents });
    cents = after;
  }

  if (occasion === 'justified_absence') {
    steps.push({ kind: 'justified_absence', cents: -cents });
    cents = 0;
  } else if (occasion === 'unjustified_absence') {
    const penalty = rules?.absencePenaltyCents ?? 0;
    steps.push({ kind: 'unjustified_absence', cents: penalty });
    cents += penalty;
  }
  return { cents, occasion, base, steps };
}

const money = (cents: number) => formatEuros(cents);
const signed = (cents: number) => (cents < 0 ? `−${formatEuros(-cents)}` : `+${formatEuros(cents)}`);
const colon = `${NBSP}:`;

function baseText(base: Price['base']): string {
  const amount = money(base.cents);
  const pai = base.pai ? 'Tarif PAI (repas fourni par la famille)' : null;
  switch (base.rule) {
    case 'no_grid':
      return `Tarif non renseigné${colon} ${amount}`;
    case 'non_resident':
      return pai ? `${pai}, hors commune${colon} ${amount}` : `Tarif hors commune${colon} ${amount}`;
    case 'missing_qf':
      return pai
        ? `${pai}, quotient familial absent ou expiré${colon} ${amount}`
        : `Tarif maximum (quotient familial absent ou expiré)${colon} ${amount}`;
    case 'qf_bracket': {
      const bracket = base.bracket!;
      return pai
        ? `${pai}, QF ${bracket.rank} (${bracketRange(bracket)})${colon} ${amount}`
        : `Tarif QF ${bracket.rank} (${bracketRange(bracket)})${colon} ${amount}`;
    }
  }
}

function adjustmentText(adjustment: Adjustment): string {
  switch (adjustment.kind) {
    case 'amount':
      return `+${formatEuros(adjustment.cents)}`;
    case 'percent':
      return `+${adjustment.percent}${NBSP}%`;
    case 'fixed':
      return `prix fixé à ${formatEuros(adjustment.cents)}`;
  }
}

function stepText(step: PriceStep): string {
  switch (step.kind) {
    case 'sibling': {
      const { reduction } = step;
      const how = reduction.kind === 'percent' ? `${reduction.value}${NBSP}%` : formatEuros(reduction.value);
      return `réduction ${step.rank}e enfant (${how} à partir du ${reduction.fromRank}e)${colon} ${signed(step.cents)}`;
    }
    case 'late_booking':
      return `tarif majoré, réservation hors délai (${adjustmentText(step.adjustment)})${colon} ${signed(step.cents)}`;
    case 'unbooked_attendance':
      return `tarif majoré, présence sans réservation (${adjustmentText(step.adjustment)})${colon} ${signed(step.cents)}`;
    case 'justified_absence':
      return `absence justifiée${colon} gratuit`;
    case 'unjustified_absence':
      return step.cents > 0
        ? `absence non justifiée après le délai d’annulation, due avec pénalité${colon} ${signed(step.cents)}`
        : `absence non justifiée après le délai d’annulation${colon} due`;
  }
}

/**
 * The rule in words: « Tarif QF 2 (651–950 €) : 2,85 € »; with adjustments, each one and the total:
 * « Tarif QF 2 (651–950 €) : 2,85 € ; réduction 2e enfant (10 % à partir du 2e) : −0,29 € ; soit 2,56 € ».
 * (U+00A0 before « € », « % » and « : », see format.ts.)
 */
export function explain(price: Price): string {
  const parts = [baseText(price.base), ...price.steps.map(stepText)];
  return price.steps.length === 0 ? parts[0] : `${parts.join(' ; ')} ; soit ${money(price.cents)}`;
}
