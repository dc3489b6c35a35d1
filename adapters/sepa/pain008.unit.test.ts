/**
 * pain.008 batches: structure, exact amounts, refusals — and every file built here is validated against the ISO
 * 20022 schema (xsd/pain.008.001.02.xsd) with xmllint, which is also shown to reject a tampered file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildPain008, Pain008Error, type Pain008Batch, type Pain008Debit } from './pain008';

const XSD = fs.readFileSync(path.join(import.meta.dirname, 'xsd', 'pain.008.001.02.xsd'), 'utf8');
const NS = 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.02';
const { DOMParser } = new JSDOM('').window;

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'batch.xml', contents: xml },
    schema: { fileName: 'pain.008.001.02.xsd', contents: XSD },
    maxMemoryPages: 16_384,
  });
  return result.valid ? [] : result.errors.map((error) => error.message);
}

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const all = (name: string, root: ParentNode = doc) => [...(root as Element).getElementsByTagNameNS(NS, name)];
  const text = (name: string, root: ParentNode = doc) => all(name, root).map((node) => node.textContent);
  return { doc, all, text };
}

const debit = (overrides: Partial<Pain008Debit> = {}): Pain008Debit => ({
  endToEndId: 'F2026-000123',
  amountCents: 4_250,
  mandateId: 'TRT-F-2026-0041-001',
  mandateSignedOn: '2026-09-01',
  sequence: 'RCUR',
  debtorName: 'Hélène Müller',
  debtorIban: 'FR76 3000 6000 0112 3456 7890 189',
  remittanceInfo: 'Facture 2026-000123 – novembre 2026',
  ...overrides,
});

const batch = (debits: Pain008Debit[], overrides: Partial<Pain008Batch> = {}): Pain008Batch => ({
  messageId: 'TRT-20261205-01',
  createdAt: new Date('2026-11-27T10:00:00Z'),
  collectionDate: '2026-12-05',
  creditor: {
    name: 'Régie périscolaire de Saint-Exemple',
    iban: 'FR7630001007941234567890185',
    bic: 'BDFEFRPPCCT',
    creditorId: 'FR72ZZZ123456',
  },
  debits,
  ...overrides,
});

const mixed = [
  debit(),
  debit({
    endToEndId: 'F2026-000124',
    mandateId: 'TRT-F-2026-0042-001',
    sequence: 'FRST',
    debtorName: 'Paul Durand',
    debtorIban: 'FR1420041010050500013M02606',
    debtorBic: 'psstfrppxxx',
    amountCents: 1_999,
  }),
  debit({
    endToEndId: 'F2026-000125',
    mandateId: 'TRT-F-2026-0043-001',
    debtorName: 'Anna Schmidt',
    debtorIban: 'DE89370400440532013000',
    debtorBic: 'COBADEFFXXX',
    amountCents: 100,
  }),
];

describe('buildPain008', () => {
  it('puts FRST and RCUR debits in one payment block each, FRST first, and the file is valid', async () => {
    const file = buildPain008(batch(mixed));
    expect(await schemaErrors(file.xml)).toEqual([]);
    const { all, text } = parse(file.xml);
    expect(text('MsgId')).toEqual(['TRT-20261205-01']);
    const blocks = all('PmtInf');
    expect(blocks.map((block) => text('SeqTp', block))).toEqual([['FRST'], ['RCUR']]);
    expect(blocks.map((block) => text('EndToEndId', block))).toEqual([['F2026-000124'], ['F2026-000123', 'F2026-000125']]);
    expect(blocks.map((block) => text('NbOfTxs', block))).toEqual([['1'], ['2']]);
    expect(blocks.map((block) => text('CtrlSum', block))).toEqual([['19.99'], ['43.50']]);
    expect(text('NbOfTxs', all('GrpHdr')[0])).toEqual(['3']);
    expect(text('CtrlSum', all('GrpHdr')[0])).toEqual(['63.49']);
    expect(text('ReqdColltnDt')).toEqual(['2026-12-05', '2026-12-05']);
    expect(text('LclInstrm').every((code) => code === 'CORE')).toBe(true);
    expect(file).toMatchObject({
      transactionCount: 3,
      totalCents: 6_349,
      bySequence: { FRST: { count: 1, totalCents: 1_999 }, RCUR: { count: 2, totalCents: 4_350 } },
    });
  });

  it('carries the creditor’s ICS, the mandate, the debtor and a NOTPROVIDED agent when the debtor gave no BIC', async () => {
    const { xml } = buildPain008(batch(mixed));
    const { all, text } = parse(xml);
    expect(text('Id', all('CdtrSchmeId')[0])).toContain('FR72ZZZ123456');
    const [first, second, third] = all('DrctDbtTxInf');
    expect(text('MndtId', second)).toEqual(['TRT-F-2026-0041-001']);
    expect(text('DtOfSgntr', second)).toEqual(['2026-09-01']);
    expect(text('IBAN', second)).toEqual(['FR7630006000011234567890189']);
    expect(text('Id', all('DbtrAgt', second)[0])).toEqual(['NOTPROVIDED']);
    expect(text('BIC', first)).toEqual(['PSSTFRPPXXX']);
    expect(text('BIC', third)).toEqual(['COBADEFFXXX']);
    expect(text('Nm', all('Dbtr', second)[0])).toEqual(['Helene Muller']);
    expect(text('Ustrd', second)).toEqual(['Facture 2026-000123 novembre 2026']);
    expect(text('Nm', all('Cdtr')[0])).toEqual(['Regie periscolaire de Saint-Exemple']);
  });

  it('builds a file with a single RCUR block and a creditor without BIC', async () => {
    const file = buildPain008(batch([debit()], { creditor: { ...batch([]).creditor, bic: null } }));
    expect(await schemaErrors(file.xml)).toEqual([]);
    const { all, text } = parse(file.xml);
    expect(all('PmtInf')).toHaveLength(1);
    expect(text('SeqTp')).toEqual(['RCUR']);
    expect(text('Id', all('CdtrAgt')[0])).toEqual(['NOTPROVIDED']);
  });

  it('writes amounts from integer cents exactly (0,10 € + 0,20 € = 0,30 €)', async () => {
    const file = buildPain008(
      batch([debit({ endToEndId: 'A', amountCents: 10 }), debit({ endToEndId: 'B', amountCents: 20, mandateId: 'TRT-F-2026-0099-001' })]),
    );
    expect(await schemaErrors(file.xml)).toEqual([]);
    const { text } = parse(file.xml);
    expect(text('InstdAmt')).toEqual(['0.10', '0.20']);
    expect(text('CtrlSum')).toEqual(['0.30', '0.30']);
  });

  it('keeps the control sums exact over a large batch of awkward amounts', async () => {
    const amounts = Array.from(
      { length: 3_000 },
      (_, i) => [1, 7, 10, 20, 33, Math.floor(99_999_999_999 / 3), 123_456_789][i % 7] + (i % 97),
    );
    const debits = amounts.map((amountCents, i) =>
      debit({ endToEndId: `E${i}`, amountCents, mandateId: `TRT-F-${i}-001`, sequence: i % 3 === 0 ? 'FRST' : 'RCUR' }),
    );
    const file = buildPain008(batch(debits));
    expect(await schemaErrors(file.xml)).toEqual([]);
    const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const frst = amounts.filter((_, i) => i % 3 === 0).reduce((a, b) => a + b, 0);
    const rcur = amounts.filter((_, i) => i % 3 !== 0).reduce((a, b) => a + b, 0);
    const { all, text } = parse(file.xml);
    expect(text('CtrlSum', all('GrpHdr')[0])).toEqual([euros(frst + rcur)]);
    expect(all('PmtInf').map((block) => text('CtrlSum', block)[0])).toEqual([euros(frst), euros(rcur)]);
    expect(text('InstdAmt')).toEqual([...amounts.filter((_, i) => i % 3 === 0), ...amounts.filter((_, i) => i % 3 !== 0)].map(euros));
  });

  it('refuses the batch with French reasons, naming each debit', () => {
    const attempt = () =>
      buildPain008(
        batch(
          [
            debit({ amountCents: 0 }),
            debit({ endToEndId: 'F2', amountCents: 12.5, mandateId: 'TRT-F-2026-0050-001' }),
            debit({ endToEndId: 'F3', debtorIban: 'FR7630006000011234567890188', mandateId: 'TRT-F-2026-0051-001' }),
            debit({ endToEndId: 'F4', mandateSignedOn: '2026-12-06', mandateId: 'TRT-F-2026-0052-001' }),
            debit({ endToEndId: 'F5', mandateId: 'RUM_É', debtorBic: 'DEUTDEFF' }),
            debit({ endToEndId: 'F2026-000123', mandateId: 'TRT-F-2026-0053-001', remittanceInfo: '€€€' }),
          ],
          { creditor: { ...batch([]).creditor, creditorId: 'FR73ZZZ123456' } },
        ),
      );
    expect(attempt).toThrow(Pain008Error);
    const problems = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Pain008Error).problems;
      }
    })();
    expect(problems).toEqual([
      'Créancier : L’identifiant créancier SEPA (ICS) est invalide (clé de contrôle incorrecte).',
      'Prélèvement « F2026-000123 » : le montant doit être un nombre entier de centimes, de 0,01 € à 999 999 999,99 €.',
      'Prélèvement « F2 » : le montant doit être un nombre entier de centimes, de 0,01 € à 999 999 999,99 €.',
      'Prélèvement « F3 » : L’IBAN est invalide (clé de contrôle incorrecte).',
      'Prélèvement « F4 » : le mandat est signé après la date de prélèvement.',
      expect.stringMatching(/^Prélèvement « F5 » : La référence unique de mandat \(RUM\) est invalide/),
      'Prélèvement « F5 » : Le BIC ne correspond pas au pays de l’IBAN.',
      'Prélèvement « F2026-000123 » : le libellé doit compter de 1 à 140 caractères.',
      'Prélèvement « F2026-000123 » : cette référence figure deux fois dans le lot.',
    ]);
  });

  it('refuses an empty batch, a bad message id or collection date, and a mandate collected twice as a first', () => {
    const problemsOf = (input: Pain008Batch) => {
      try {
        buildPain008(input);
        return [];
      } catch (error) {
        return (error as Pain008Error).problems;
      }
    };
    expect(problemsOf(batch([], { messageId: 'TRT-2026-12-05-LOT-0001', collectionDate: '2026-12-32' }))).toEqual([
      'Identifiant de message invalide (1 à 20 caractères SEPA).',
      'Date de prélèvement invalide (format AAAA-MM-JJ).',
      'Aucun prélèvement dans le lot.',
    ]);
    expect(
      problemsOf(
        batch([debit({ sequence: 'FRST' }), debit({ endToEndId: 'X2', sequence: 'FRST' }), debit({ endToEndId: 'X3', sequence: 'RCUR' })]),
      ),
    ).toEqual([
      'Mandat « TRT-F-2026-0041-001 » : un seul premier prélèvement (FRST) par mandat.',
      'Mandat « TRT-F-2026-0041-001 » : présent à la fois en FRST et en RCUR dans le lot.',
    ]);
  });
});

describe('the XSD check itself', () => {
  it('rejects a tampered file: unknown sequence type, missing collection date, amount with letters', async () => {
    const { xml } = buildPain008(batch(mixed));
    expect(await schemaErrors(xml.replace('<SeqTp>FRST</SeqTp>', '<SeqTp>FIRST</SeqTp>'))).toEqual([
      expect.stringContaining(
        "SeqTp': [facet 'enumeration'] The value 'FIRST' is not an element of the set {'FRST', 'RCUR', 'FNAL', 'OOFF'}",
      ),
    ]);
    expect(await schemaErrors(xml.replace('<ReqdColltnDt>2026-12-05</ReqdColltnDt>', ''))).toEqual([
      expect.stringContaining('ReqdColltnDt'),
    ]);
    expect(await schemaErrors(xml.replace('<InstdAmt Ccy="EUR">19.99</InstdAmt>', '<InstdAmt Ccy="EUR">19,99</InstdAmt>'))).toEqual([
      expect.stringContaining("InstdAmt': '19,99' is not a valid value"),
    ]);
  });

  it('rejects a document of another message type', async () => {
    const other = `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>`;
    expect(await schemaErrors(other)).not.toEqual([]);
  });
});
