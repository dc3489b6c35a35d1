/**
 * Reading a bank's payment status report (pain.002.001.03, « rapport de rejets ») for a pain.008 batch: which
 * debits were rejected and why. Parsed with jsdom's XML parser (namespace-aware; it refuses DTD entities, so a file
 * cannot make it read anything else). Accepted transactions, if the bank lists them, are ignored.
 */
import { JSDOM } from 'jsdom';
import type { Pain002BlockRejection, Pain002Reject, Pain002Report } from '../../core/invoicing/sepa-files';
import { sepaReasonFr } from '../../core/invoicing/sepa-reasons-fr';

export type { Pain002BlockRejection, Pain002Reject, Pain002Report } from '../../core/invoicing/sepa-files';

const NS = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03';




export type Pain002Problem = 'malformed' | 'not_pain002' | 'incomplete';

export class Pain002Error extends Error {
  constructor(
    readonly problem: Pain002Problem,
    message: string,
  ) {
    super(message);
    this.name = 'Pain002Error';
  }
}

let parser: DOMParser | null = null;

function children(parent: Element, name: string): Element[] {
  return [...parent.children].filter((child) => child.namespaceURI === NS && child.localName === name);
}

/** The text at the end of a path of child elements, trimmed; null when any step is missing or the text is empty. */
function textAt(parent: Element, ...path: string[]): string | null {
  let node: Element | undefined = parent;
  for (const name of path) node = node && children(node, name)[0];
  const text = node?.textContent?.trim();
  return text ? text : null;
}

function reasonOf(holders: Element[]): { reasonCode: string | null; reasonLabel: string } {
  for (const holder of holders) {
    const info = children(holder, 'StsRsnInf')[0];
    if (!info) continue;
    const reasonCode = textAt(info, 'Rsn', 'Cd') ?? textAt(info, 'Rsn', 'Prtry');
    const bankText =
      children(info, 'AddtlInf')
        .map((node) => node.textContent?.trim())
        .filter(Boolean)
        .join(' ') || null;
    return { reasonCode, reasonLabel: sepaReasonFr(reasonCode, bankText) };
  }
  return { reasonCode: null, reasonLabel: sepaReasonFr(null) };
}

function cents(amount: string | null): number | null {
  const match = amount ? /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(amount) : null;
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : null;
}

function incomplete(what: string): Pain002Error {
  return new Pain002Error('incomplete', `Le rapport de rejets est incomplet : ${what}.`);
}

export function parsePain002(xml: string): Pain002Report {
  parser ??= new new JSDOM('').window.DOMParser();
  const doc = parser.parseFromString(xml.replace(/^\uFEFF/, ''), 'application/xml');
  const root = doc.documentElement;
  if (!root || root.localName === 'parsererror') {
    throw new Pain002Error('malformed', 'Ce fichier n’est pas un fichier XML lisible : il est peut-être incomplet ou abîmé.');
  }
  const report = root.localName === 'Document' && root.namespaceURI === NS ? children(root, 'CstmrPmtStsRpt')[0] : undefined;
  if (!report) {
    throw new Pain002Error(
      'not_pain002',
      'Ce fichier n’est pas un rapport de rejets de prélèvements SEPA (format pain.002.001.03 attendu).',
    );
  }
  const messageId = textAt(report, 'GrpHdr', 'MsgId');
  const group = children(report, 'OrgnlGrpInfAndSts')[0];
  const originalMessageId = group && textAt(group, 'OrgnlMsgId');
  if (!messageId) throw incomplete('identifiant du rapport (MsgId) absent');
  if (!group || !originalMessageId) throw incomplete('référence du fichier de prélèvements d’origine (OrgnlMsgId) absente');

  const groupStatus = textAt(group, 'GrpSts');
  const rejects: Pain002Reject[] = [];
  const blockRejections: Pain002BlockRejection[] = [];
  const blocks = children(report, 'OrgnlPmtInfAndSts');
  for (const block of blocks) {
    const originalPaymentInfoId = textAt(block, 'OrgnlPmtInfId');
    const blockStatus = textAt(block, 'PmtInfSts') ?? groupStatus;
    const transactions = children(block, 'TxInfAndSts');
    if (transactions.length === 0 && blockStatus === 'RJCT') {
      blockRejections.push({ originalMessageId, originalPaymentInfoId, ...reasonOf([block, group]) });
    }
    for (const transaction of transactions) {
      // A transaction without its own status shares its block's (then the file's).
      if ((textAt(transaction, 'TxSts') ?? blockStatus) !== 'RJCT') continue;
      const originalEndToEndId = textAt(transaction, 'OrgnlEndToEndId');
      if (!originalEndToEndId) throw incomplete('un rejet ne donne pas la référence du prélèvement (OrgnlEndToEndId)');
      rejects.push({
        originalEndToEndId,
        originalMessageId,
        originalPaymentInfoId,
        status: 'RJCT',
        ...reasonOf([transaction, block, group]),
        amountCents: cents(textAt(transaction, 'OrgnlTxRef', 'Amt', 'InstdAmt')),
      });
    }
  }
  if (blocks.length === 0 && groupStatus === 'RJCT') {
    blockRejections.push({ originalMessageId, originalPaymentInfoId: null, ...reasonOf([group]) });
  }
  return { messageId, createdAt: textAt(report, 'GrpHdr', 'CreDtTm'), originalMessageId, rejects, blockRejections };
}
