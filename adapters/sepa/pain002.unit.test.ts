/**
 * pain.002.001.03 reject reports (fixtures/): rejected debits with their French reason, whole file or block
 * rejections, and the typed errors for files that are not such a report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pain002Error, parsePain002 } from './pain002';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const report = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"><CstmrPmtStsRpt>${body}</CstmrPmtStsRpt></Document>`;

function failure(xml: string): Pain002Error {
  try {
    parsePain002(xml);
  } catch (error) {
    if (error instanceof Pain002Error) return error;
    throw error;
  }
  throw new Error('parsePain002 accepted the file');
}

describe('parsePain002', () => {
  it('lists every rejected debit of a partly rejected batch with its reason in French, ignoring accepted ones', () => {
    expect(parsePain002(fixture('pain002-rejects.xml'))).toEqual({
      messageId: 'BDF-PSR-20261209-000417',
      createdAt: '2026-12-09T06:12:44',
      originalMessageId: 'TRT-20261205-01',
      blockRejections: [],
      rejects: [
        {
          originalEndToEndId: 'F2026-000124',
          originalMessageId: 'TRT-20261205-01',
          originalPaymentInfoId: 'TRT-20261205-01.FRST',
          status: 'RJCT',
          reasonCode: 'MD01',
          reasonLabel: 'Pas de mandat valide (mandat absent ou révoqué)',
          amountCents: 1_999,
        },
        {
          originalEndToEndId: 'F2026-000123',
          originalMessageId: 'TRT-20261205-01',
          originalPaymentInfoId: 'TRT-20261205-01.RCUR',
          status: 'RJCT',
          reasonCode: 'AM04',
          reasonLabel: 'Provision insuffisante',
          amountCents: 4_250,
        },
        {
          originalEndToEndId: 'F2026-000126',
          originalMessageId: 'TRT-20261205-01',
          originalPaymentInfoId: 'TRT-20261205-01.RCUR',
          status: 'RJCT',
          reasonCode: 'AC04',
          reasonLabel: 'Compte clôturé',
          amountCents: 700,
        },
        {
          originalEndToEndId: 'F2026-000127',
          originalMessageId: 'TRT-20261205-01',
          originalPaymentInfoId: 'TRT-20261205-01.RCUR',
          status: 'RJCT',
          reasonCode: 'R9X',
          reasonLabel: 'Motif R9X (code non répertorié) : OPPOSITION SUR COMPTE',
          amountCents: 12_050,
        },
      ],
    });
  });

  it('reports a whole file rejected by the bank', () => {
    expect(parsePain002(fixture('pain002-file-rejected.xml'))).toEqual({
      messageId: 'BDF-PSR-20261204-000012',
      createdAt: '2026-12-04T18:40:03',
      originalMessageId: 'TRT-20261205-01',
      rejects: [],
      blockRejections: [
        {
          originalMessageId: 'TRT-20261205-01',
          originalPaymentInfoId: null,
          reasonCode: 'FF01',
          reasonLabel: 'Format de fichier invalide',
        },
      ],
    });
  });

  it('reports a rejected payment block, and gives a transaction without its own status or reason its block’s', () => {
    const xml = report(`
      <GrpHdr><MsgId>R1</MsgId></GrpHdr>
      <OrgnlGrpInfAndSts><OrgnlMsgId>LOT-7</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
      <OrgnlPmtInfAndSts><OrgnlPmtInfId>LOT-7.FRST</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>
        <StsRsnInf><Rsn><Cd>BE05</Cd></Rsn></StsRsnInf></OrgnlPmtInfAndSts>
      <OrgnlPmtInfAndSts><OrgnlPmtInfId>LOT-7.RCUR</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>
        <StsRsnInf><Rsn><Cd>MS03</Cd></Rsn></StsRsnInf>
        <TxInfAndSts><OrgnlEndToEndId>E-1</OrgnlEndToEndId></TxInfAndSts></OrgnlPmtInfAndSts>`);
    expect(parsePain002(xml)).toEqual({
      messageId: 'R1',
      createdAt: null,
      originalMessageId: 'LOT-7',
      blockRejections: [
        {
          originalMessageId: 'LOT-7',
          originalPaymentInfoId: 'LOT-7.FRST',
          reasonCode: 'BE05',
          reasonLabel: 'Identifiant du créancier inconnu',
        },
      ],
      rejects: [
        {
          originalEndToEndId: 'E-1',
          originalMessageId: 'LOT-7',
          originalPaymentInfoId: 'LOT-7.RCUR',
          status: 'RJCT',
          reasonCode: 'MS03',
          reasonLabel: 'Motif non communiqué par la banque',
          amountCents: null,
        },
      ],
    });
  });

  it('refuses malformed XML with a typed French error', () => {
    for (const xml of ['', 'PK\u0003\u0004 not xml', fixture('pain002-rejects.xml').slice(0, 900)]) {
      expect(failure(xml)).toMatchObject({
        problem: 'malformed',
        message: 'Ce fichier n’est pas un fichier XML lisible : il est peut-être incomplet ou abîmé.',
      });
    }
  });

  it('refuses XML that is not a pain.002.001.03 report, including a pain.008 or another version', () => {
    const pain008 = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"><CstmrDrctDbtInitn/></Document>';
    const older = report('').replace('pain.002.001.03', 'pain.002.001.02');
    const noNamespace = '<Document><CstmrPmtStsRpt/></Document>';
    for (const xml of [pain008, older, noNamespace, '<html><body>Erreur</body></html>']) {
      expect(failure(xml)).toMatchObject({ problem: 'not_pain002', message: expect.stringContaining('pain.002.001.03 attendu') });
    }
  });

  it('refuses a report missing the references needed to find the debits', () => {
    expect(failure(report('<GrpHdr><MsgId>R1</MsgId></GrpHdr>'))).toMatchObject({
      problem: 'incomplete',
      message: 'Le rapport de rejets est incomplet : référence du fichier de prélèvements d’origine (OrgnlMsgId) absente.',
    });
    const withoutEndToEnd = report(
      '<GrpHdr><MsgId>R1</MsgId></GrpHdr><OrgnlGrpInfAndSts><OrgnlMsgId>L</OrgnlMsgId></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><TxInfAndSts><TxSts>RJCT</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>',
    );
    expect(failure(withoutEndToEnd)).toMatchObject({ problem: 'incomplete', message: expect.stringContaining('OrgnlEndToEndId') });
  });

  it('does not expand entities declared in the file', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>${report('<GrpHdr><MsgId>&x;</MsgId></GrpHdr>').replace(/^<\?xml[^>]*\?>/, '')}`;
    expect(failure(xxe).problem).toBe('malformed');
  });
});
