/**
 * A price grid: per activity and school year, in force from an effective date. Unit prices by quotient familial
 * bracket (3 to 10 brackets), a non-resident price, a maximum price when the QF proof is missing or expired, and the
 * rules that adjust them: sibling reduction by rank, tarif majoré (attendance without a booking, late booking), the
 * PAI meal brought by the family, a penalty for an unjustified absence. Everything in integer cents.
 */
import type { PlainDate } from '../calendar';
import { formatEuros, groupThousands } from './format';
import { MAX_PRICE_CENTS } from './money';

export interface PriceBracket {
  rank: number;
  /** Inclusive lower bound of the bracket's quotient familial (€). */
  qfMin: number;
  /** Exclusive upper bound (the next bracket's qfMin); null for the last, open-ended bracket. */
  qfMax: number | null;
  unitPriceCents: number;
  /** PAI meal (brought by the family) in this bracket, when the grid prices it per bracket (Roncq). */
  paiCents?: number | null;
}

/** A surcharge: + an amount, + a percentage of the price, or a fixed price instead. */
export type Adjustment = { kind: 'amount'; cents: number } | { kind: 'percent'; percent: number } | { kind: 'fixed'; cents: number };

/** « à partir du 2e enfant : −10 % » or « à partir du 3e enfant : −1,00 € ». */
export interface SiblingReduction {
  fromRank: 2 | 3;
  kind: 'amount' | 'percent';
  /** Cents for 'amount', whole percent for 'percent'. */
  value: number;
}

export interface PriceRules {
  sibling: SiblingReduction | null;
  /** Tarif majoré: the child attends without a booking. */
  unbookedAttendance: Adjustment | null;
  /** Tarif majoré: booked after the booking deadline (accepted as an exception). */
  lateBooking: Adjustment | null;
  /** Flat PAI price (meal brought by the family), when brackets carry none. */
  paiCents: number | null;
  /** Added to the due price of an unjustified absence after the cancellation deadline (Montpellier: +1,50 €). */
  absencePenaltyCents: number | null;
}

export const NO_RULES: PriceRules = { sibling: null, unbookedAttendance: null, lateBooking: null, paiCents: null, absencePenaltyCents: null };

export interface PriceGrid {
  brackets: readonly PriceBracket[];
  nonResidentCents: number;
  /** The maximum price, applied when the QF proof is missing or expired. */
  missingQfCents: number;
  rules?: Partial<PriceRules>;
}

export function rulesOf(grid: PriceGrid): PriceRules {
  return { ...NO_RULES, ...grid.rules };
}

export const MIN_BRACKETS = 3;
export const MAX_BRACKETS = 10;
/** Highest QF bound a grid may name (€ per month). */
export const MAX_QF = 100_000;

/** Which bracket a QF falls in: qfMin ≤ qf < qfMax. */
export function bracketFor(brackets: readonly PriceBracket[], qf: number): PriceBracket | undefined {
  return [...brackets]
    .sort((a, b) => a.rank - b.rank)
    .find((bracket) => qf >= bracket.qfMin && (bracket.qfMax === null || qf < bracket.qfMax));
}

/** « 651–950 € » or « 1 900 € et plus » (U+00A0 spaces). */
export function bracketRange(bracket: Pick<PriceBracket, 'qfMin' | 'qfMax'>): string {
  return bracket.qfMax === null
    ? `${groupThousands(bracket.qfMin)}\u00A0€ et plus`
    : `${groupThousands(bracket.qfMin)}–${groupThousands(bracket.qfMax - 1)}\u00A0€`;
}

/** The grid in force on a day: the latest effective on or before it, else the earliest (a day before any grid). */
export function gridInForce<G extends { effectiveFrom: PlainDate }>(grids: readonly G[], day: PlainDate): G | undefined {
  const sorted = [...grids].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let found: G | undefined;
  for (const grid of sorted) if (grid.effectiveFrom <= day) found = grid;
  return found ?? sorted[0];
}

export interface GridIssue {
  /** Which part of the grid: 'brackets', 'bracket.3', 'nonResident', 'missingQf', 'sibling', 'lateBooking', … */
  field: string;
  message: string;
}

const isCentsValue = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_PRICE_CENTS;
const isQf = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_QF;

function checkAdjustment(field: string, label: string, adjustment: Adjustment | null | undefined, issues: GridIssue[]) {
  if (!adjustment) return;
  if (adjustment.kind === 'percent') {
    if (!Number.isSafeInteger(adjustment.percent) || adjustment.percent < 1 || adjustment.percent > 1000) {
      issues.push({ field, message: `${label} : le pourcentage doit être un nombre entier entre 1 et 1000.` });
    }
  } else if (adjustment.kind === 'amount' || adjustment.kind === 'fixed') {
    if (!isCentsValue(adjustment.cents) || adjustment.cents === 0) issues.push({ field, message: `${label} : le montant doit être positif, en euros et centimes.` });
  } else {
    issues.push({ field, message: `${label} : type de majoration inconnu.` });
  }
}

/**
 * Refuses a grid staff could not mean: 3 to 10 brackets starting at a QF of 0, each ending where the next starts (no
 * gap, no overlap: real published grids contain both), the last one open-ended, prices in cents, a maximum price at
 * least the highest bracket's (a family without attestation never pays less than one with), sensible rules.
 * French messages, one per problem, in the order staff read the grid.
 */
export function validateGrid(grid: PriceGrid): GridIssue[] {
  const issues: GridIssue[] = [];
  const brackets = [...grid.brackets].sort((a, b) => a.rank - b.rank);
  if (brackets.length < MIN_BRACKETS || brackets.length > MAX_BRACKETS) {
    issues.push({ field: 'brackets', message: `Une grille compte de ${MIN_BRACKETS} à ${MAX_BRACKETS} tranches de quotient familial (ici ${brackets.length}).` });
  }
  brackets.forEach((bracket, index) => {
    const field = `bracket.${index + 1}`;
    const name = `Tranche ${index + 1}`;
    if (bracket.rank !== index + 1) issues.push({ field, message: `${name} : les tranches doivent être numérotées de 1 à ${brackets.length} sans trou.` });
    if (!isQf(bracket.qfMin) || (bracket.qfMax !== null && !isQf(bracket.qfMax))) {
      issues.push({ field, message: `${name} : les bornes de quotient familial sont des nombres entiers d’euros entre 0 et ${groupThousands(MAX_QF)}.` });
      return;
    }
    if (!isCentsValue(bracket.unitPriceCents)) issues.push({ field, message: `${name} : le prix doit être un montant positif en euros et centimes.` });
    if (bracket.paiCents !== undefined && bracket.paiCents !== null && !isCentsValue(bracket.paiCents)) {
      issues.push({ field, message: `${name} : le tarif PAI doit être un montant positif en euros et centimes.` });
    }
    if (index === 0 && bracket.qfMin !== 0) issues.push({ field, message: `${name} : la première tranche commence à un quotient de 0 €.` });
    if (bracket.qfMax !== null && bracket.qfMax <= bracket.qfMin) issues.push({ field, message: `${name} : la borne haute doit dépasser la borne basse.` });
    const next = brackets[index + 1];
    if (next) {
      if (bracket.qfMax === null) {
        issues.push({ field, message: `${name} : seule la dernière tranche peut être ouverte (« et plus »).` });
      } else if (isQf(next.qfMin) && next.qfMin > bracket.qfMax) {
        issues.push({ field, message: `Trou entre la tranche ${index + 1} et la tranche ${index + 2} : aucun tarif de ${groupThousands(bracket.qfMax)} à ${groupThousands(next.qfMin - 1)} €.` });
      } else if (isQf(next.qfMin) && next.qfMin < bracket.qfMax) {
        issues.push({ field, message: `Les tranches ${index + 1} et ${index + 2} se chevauchent (de ${groupThousands(next.qfMin)} à ${groupThousands(bracket.qfMax - 1)} €).` });
      }
    } else if (bracket.qfMax !== null) {
      issues.push({ field, message: `${name} : la dernière tranche n’a pas de borne haute (« et plus »).` });
    }
  });
  if (!isCentsValue(grid.nonResidentCents)) issues.push({ field: 'nonResident', message: 'Le tarif hors commune doit être un montant positif en euros et centimes.' });
  if (!isCentsValue(grid.missingQfCents)) {
    issues.push({ field: 'missingQf', message: 'Le tarif maximum doit être un montant positif en euros et centimes.' });
  } else {
    const highest = Math.max(0, ...brackets.map((b) => (isCentsValue(b.unitPriceCents) ? b.unitPriceCents : 0)));
    if (grid.missingQfCents < highest) {
      issues.push({ field: 'missingQf', message: `Le tarif maximum (sans quotient familial valide) doit être au moins celui de la tranche la plus haute (${formatEuros(highest)}).` });
    }
  }
  const rules = rulesOf(grid);
  if (rules.sibling) {
    const { fromRank, kind, value } = rules.sibling;
    if (fromRank !== 2 && fromRank !== 3) issues.push({ field: 'sibling', message: 'Réduction fratrie : elle s’applique à partir du 2e ou du 3e enfant.' });
    if (kind === 'percent' ? !Number.isSafeInteger(value) || value < 1 || value > 100 : !isCentsValue(value) || value === 0) {
      issues.push({ field: 'sibling', message: 'Réduction fratrie : un pourcentage entier de 1 à 100, ou un montant positif.' });
    }
  }
  checkAdjustment('unbookedAttendance', 'Tarif majoré (présence sans réservation)', rules.unbookedAttendance, issues);
  checkAdjustment('lateBooking', 'Tarif majoré (réservation hors délai)', rules.lateBooking, issues);
  if (rules.paiCents !== null && !isCentsValue(rules.paiCents)) issues.push({ field: 'pai', message: 'Le tarif PAI doit être un montant positif en euros et centimes.' });
  if (rules.absencePenaltyCents !== null && !isCentsValue(rules.absencePenaltyCents)) {
    issues.push({ field: 'absencePenalty', message: 'La pénalité d’absence doit être un montant positif en euros et centimes.' });
  }
  return issues;
}
