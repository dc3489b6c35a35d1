/**
 * A batch of SEPA Core direct debits as a pain.008.001.02 file (CustomerDirectDebitInitiationV02), the format French
 * banks take, built with the `sepa` package. One payment block (PmtInf) per sequence type, FRST before RCUR, as the
 * scheme requires. Everything is checked first with French messages, so the package's own (English) checks never
 * fire on user data. Every file the tests build is validated against xsd/pain.008.001.02.xsd.
 */
import { Document } from 'sepa';
import { isPlainDate, type PlainDate } from '../../core/calendar';
import { isSepaIdentifier, toSepaText } from '../../core/invoicing/sepa-charset';
import { validateCreditor } from '../../core/invoicing/sepa-creditor';
import type { Pain008Batch, Pain008Debit, Pain008File } from '../../core/invoicing/sepa-files';
import { checkBic, checkIban, checkRum, SEPA_ID_MAX, SEPA_NAME_MAX, type SequenceType } from '../../core/invoicing/sepa-mandate';

export type { Pain008Batch, Pain008Creditor, Pain008Debit, Pain008File } from '../../core/invoicing/sepa-files';





/** The batch cannot be built; `problems` are French sentences, one per fault. */
export class Pain008Error extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Le fichier de prélèvements ne peut pas être créé : ${problems.join(' ')}`);
    this.name = 'Pain008Error';
  }
}

export const MESSAGE_ID_MAX = 20;
/** 999 999 999,99 €: the largest amount the SEPA scheme accepts. */
const AMOUNT_MAX_CENTS = 99_999_999_999;
const REMITTANCE_MAX = 140;
const SEQUENCES: readonly SequenceType[] = ['FRST', 'RCUR'];

interface CheckedDebit extends Pain008Debit {
  debtorIban: string;
  debtorBic: string | null;
}

function checkDebit(debit: Pain008Debit, collectionDate: PlainDate, problems: string[]): CheckedDebit | null {
  const before = problems.length;
  const label = `Prélèvement « ${debit.endToEndId} » :`;
  const problem = (text: string) => problems.push(`${label} ${text}`);
  if (!isSepaIdentifier(debit.endToEndId, SEPA_ID_MAX)) problem('référence de bout en bout invalide (1 à 35 caractères SEPA).');
  if (!Number.isSafeInteger(debit.amountCents) || debit.amountCents < 1 || debit.amountCents > AMOUNT_MAX_CENTS) {
    problem('le montant doit être un nombre entier de centimes, de 0,01 € à 999 999 999,99 €.');
  }
  const rum = checkRum(debit.mandateId);
  if (!rum.ok) problem(rum.error);
  if (!isPlainDate(debit.mandateSignedOn)) problem('date de signature du mandat invalide.');
  else if (debit.mandateSignedOn > collectionDate) problem('le mandat est signé après la date de prélèvement.');
  if (!SEQUENCES.includes(debit.sequence)) problem('le type de séquence doit être FRST ou RCUR.');
  const name = toSepaText(debit.debtorName);
  if (!name || name.length > SEPA_NAME_MAX) problem('le nom du débiteur doit compter de 1 à 70 caractères.');
  const remittance = toSepaText(debit.remittanceInfo);
  if (!remittance || remittance.length > REMITTANCE_MAX) problem('le libellé doit compter de 1 à 140 caractères.');
  const iban = checkIban(debit.debtorIban);
  if (!iban.ok) problem(iban.error);
  const bic = checkBic(debit.debtorBic ?? '', iban.ok ? iban.value : null);
  if (!bic.ok) problem(bic.error);
  if (problems.length > before || !iban.ok || !bic.ok) return null;
  return {
    ...debit,
    mandateId: rum.ok ? rum.value : debit.mandateId,
    debtorName: name,
    remittanceInfo: remittance,
    debtorIban: iban.value,
    debtorBic: bic.value,
  };
}

/** Faults that only show across debits: a reference used twice, a mandate collected twice as a first. */
function checkAcrossDebits(debits: readonly Pain008Debit[], problems: string[]): void {
  const seen = new Set<string>();
  for (const debit of debits) {
    if (seen.has(debit.endToEndId)) problems.push(`Prélèvement « ${debit.endToEndId} » : cette référence figure deux fois dans le lot.`);
    seen.add(debit.endToEndId);
  }
  const firsts = new Set<string>();
  for (const debit of debits.filter((d) => d.sequence === 'FRST')) {
    if (firsts.has(debit.mandateId)) problems.push(`Mandat « ${debit.mandateId} » : un seul premier prélèvement (FRST) par mandat.`);
    firsts.add(debit.mandateId);
  }
  for (const debit of debits.filter((d) => d.sequence === 'RCUR' && firsts.has(d.mandateId))) {
    problems.push(`Mandat « ${debit.mandateId} » : présent à la fois en FRST et en RCUR dans le lot.`);
  }
}

/** The package prints dates with the process's local calendar, so a day is passed as local midnight. */
function localMidnight(day: PlainDate): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

export function buildPain008(batch: Pain008Batch): Pain008File {
  const problems: string[] = [];
  if (!isSepaIdentifier(batch.messageId, MESSAGE_ID_MAX))
    problems.push(`Identifiant de message invalide (1 à ${MESSAGE_ID_MAX} caractères SEPA).`);
  if (!(batch.createdAt instanceof Date) || Number.isNaN(batch.createdAt.getTime())) problems.push('Date de création invalide.');
  if (!isPlainDate(batch.collectionDate)) problems.push('Date de prélèvement invalide (format AAAA-MM-JJ).');
  const creditor = validateCreditor({ ...batch.creditor, bic: batch.creditor.bic ?? '' });
  if (!creditor.ok) problems.push(...Object.values(creditor.errors).map((error) => `Créancier : ${error}`));
  if (batch.debits.length === 0) problems.push('Aucun prélèvement dans le lot.');
  const debits = batch.debits.map((debit) => checkDebit(debit, batch.collectionDate, problems));
  checkAcrossDebits(batch.debits, problems);
  if (problems.length > 0 || !creditor.ok) throw new Pain008Error(problems);

  const doc = new Document('pain.008.001.02');
  doc.grpHdr.id = batch.messageId;
  doc.grpHdr.created = batch.createdAt;
  doc.grpHdr.initiatorName = creditor.creditor.name;
  const bySequence = { FRST: { count: 0, totalCents: 0 }, RCUR: { count: 0, totalCents: 0 } };
  for (const sequence of SEQUENCES) {
    const block = debits.filter((debit): debit is CheckedDebit => debit !== null && debit.sequence === sequence);
    if (block.length === 0) continue;
    const info = doc.createPaymentInfo();
    info.id = sequence;
    info.sequenceType = sequence;
    info.localInstrumentation = 'CORE';
    // One credit per block on the creditor's statement, matched against the batch.
    info.batchBooking = true;
    info.collectionDate = localMidnight(batch.collectionDate);
    info.creditorName = creditor.creditor.name;
    info.creditorIBAN = creditor.creditor.iban;
    info.creditorBIC = creditor.creditor.bic ?? '';
    info.creditorId = creditor.creditor.creditorId;
    doc.addPaymentInfo(info);
    for (const debit of block) {
      const tx = info.createTransaction();
      tx.end2endId = debit.endToEndId;
      // cents / 100 printed with toFixed(2) gives back the exact cents. The package sums these floats for the control
      // sums; the rounding error stays far below half a cent for any commune's batch (tested on 3,000 large amounts).
      tx.amount = debit.amountCents / 100;
      tx.currency = 'EUR';
      tx.mandateId = debit.mandateId;
      tx.mandateSignatureDate = localMidnight(debit.mandateSignedOn);
      tx.debtorName = debit.debtorName;
      tx.debtorIBAN = debit.debtorIban;
      tx.debtorBIC = debit.debtorBic ?? '';
      tx.remittanceInfo = debit.remittanceInfo;
      info.addTransaction(tx);
    }
    bySequence[sequence] = { count: block.length, totalCents: block.reduce((sum, debit) => sum + debit.amountCents, 0) };
  }
  return {
    xml: doc.toString(),
    transactionCount: bySequence.FRST.count + bySequence.RCUR.count,
    totalCents: bySequence.FRST.totalCents + bySequence.RCUR.totalCents,
    bySequence,
  };
}
