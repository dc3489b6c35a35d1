/**
 * PAYMENT_PROVIDER=payfip: the DGFiP's PayFiP web service (SOAP 1.1), for communes whose régie collects through the
 * public treasury.
 *
 *  1. creerPaiementSecurise(numcli, exer, refdet, objet, montant, mel, urlnotif, urlredirect, saisie) → idOp;
 *  2. the parent pays on PAYFIP_PAYMENT_URL?idop=…;
 *  3. PayFiP calls urlnotif with the idop (`idop` or `idOp`, in the body or the query): that call proves nothing;
 *  4. recupererDetailPaiementSecurise(idOp) is the only trusted answer: resultrans P (card) / V (direct debit) paid,
 *     R / Z refused, A abandoned. Error P5 = result not known yet (the idop lives 15 minutes; past 20 we call it
 *     expired), P1 = idop unknown or purged (the night after an abandoned payment) = expired.
 *
 * The HTTP transport is injected (tests replay recorded SOAP answers, adapters/payment/fixtures/payfip/); amounts are
 * integer cents from 1 € to 100,000 €; one transaction per invoice when several are paid (PayFiP pays one « titre »
 * at a time).
 */
import type { PaymentProvider, ProviderResult } from '../../core/payments/ports';
import { ProviderRefusedError } from '../../core/payments/ports';

export const PAYFIP_NAMESPACE =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
export const PAYFIP_DEFAULT_WS_URL = 'https://www.payfip.gouv.fr/tpa/services/securite';
export const PAYFIP_DEFAULT_PAYMENT_URL = 'https://www.payfip.gouv.fr/tpa/paiementws.web';
/** PayFiP's limits: 1,00 € to 100 000,00 €. */
export const PAYFIP_MIN_CENTS = 100;
export const PAYFIP_MAX_CENTS = 10_000_000;
/** Past this age a P5 (« not known yet ») means the parent never paid. */
const P5_EXPIRES_AFTER_MS = 20 * 60_000;

export interface PayfipConfig {
  /** The régie's 6-digit client number. */
  numcli: string;
  /** T = test, X = activation, W = production. */
  saisie: 'T' | 'X' | 'W';
  wsUrl: string;
  paymentUrl: string;
}

export interface SoapRequest {
  url: string;
  action: string;
  body: string;
}

export type SoapTransport = (request: SoapRequest) => Promise<{ status: number; body: string }>;

/** The real transport: an HTTPS POST with a 15 s timeout. */
export const fetchSoapTransport: SoapTransport = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${request.action}"` },
    body: request.body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: await response.text() };
};

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The text of the first element with that local name (any namespace prefix), or null. */
export function soapField(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml);
  if (match) return xmlUnescape(match[1].trim());
  return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?/>`).test(xml) ? '' : null;
}

function envelope(operation: string, fields: [string, string][]): string {
  const body = fields.map(([name, value]) => `        <${name}>${xmlEscape(value)}</${name}>`).join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="${PAYFIP_NAMESPACE}">`,
    '  <soapenv:Header/>',
    '  <soapenv:Body>',
    `    <pai:${operation}>`,
    '      <arg0>',
    body,
    '      </arg0>',
    `    </pai:${operation}>`,
    '  </soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('\n');
}

/** A PayFiP functional error (SOAP Fault with a FonctionnelleErreur detail): P1, P5, R3… */
export class PayfipFault extends Error {
  constructor(
    readonly code: string,
    readonly label: string,
  ) {
    super(`PayFiP ${code} : ${label}`);
    this.name = 'PayfipFault';
  }
}

function faultOf(body: string): PayfipFault | null {
  if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(body)) return null;
  const code = soapField(body, 'code') ?? soapField(body, 'faultcode') ?? 'inconnu';
  const label = soapField(body, 'libelle') ?? soapField(body, 'descriptif') ?? soapField(body, 'faultstring') ?? '';
  return new PayfipFault(code, label);
}

/** The `objet` PayFiP accepts: ASCII letters, digits and spaces, 100 characters at most. */
export function payfipObjet(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’-]/g, ' ')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

export function payfipProvider(config: PayfipConfig, transport: SoapTransport = fetchSoapTransport): PaymentProvider {
  async function call(operation: string, fields: [string, string][]): Promise<string> {
    const response = await transport({ url: config.wsUrl, action: operation, body: envelope(operation, fields) });
    const fault = faultOf(response.body);
    if (fault) throw fault;
    if (response.status < 200 || response.status >= 300) throw new Error(`PayFiP ${operation}: HTTP ${response.status}`);
    return response.body;
  }

  function resultOf(xml: string): ProviderResult {
    const resultrans = soapField(xml, 'resultrans') ?? '';
    const montant = soapField(xml, 'montant') ?? '';
    const base: ProviderResult = {
      status: 'error',
      reference: soapField(xml, 'refdet') ?? undefined,
      providerRef: soapField(xml, 'idOp') ?? undefined,
      // Integer cents as sent; anything else ('12,505', '-1') reaches the service as is and becomes an anomaly.
      amount: /^\d{1,12}$/.test(montant) ? Number(montant) : montant,
      code: resultrans,
      detail: [soapField(xml, 'dattrans'), soapField(xml, 'heurtrans'), soapField(xml, 'numauto')].filter(Boolean).join(' '),
    };
    if (soapField(xml, 'numcli') !== null && soapField(xml, 'numcli') !== config.numcli) return { ...base, status: 'error', code: `numcli:${soapField(xml, 'numcli')}` };
    switch (resultrans) {
      case 'P':
      case 'V':
        return { ...base, status: 'paid' };
      case 'R':
      case 'Z':
        return { ...base, status: 'denied' };
      case 'A':
        return { ...base, status: 'cancelled' };
      default:
        return { ...base, status: 'error' };
    }
  }

  const provider: PaymentProvider = {
    id: 'payfip',
    limits: { minCents: PAYFIP_MIN_CENTS, maxCents: PAYFIP_MAX_CENTS },
    onePayablePerTransaction: true,
    pollOnReturn: true,
    idempotentStart: false,

    async start(payment) {
      const problems: string[] = [];
      if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents < PAYFIP_MIN_CENTS || payment.amountCents > PAYFIP_MAX_CENTS) {
        problems.push('montant hors des limites de PayFiP (1 € à 100 000 €)');
      }
      if (!/^[A-Za-z0-9]{6,30}$/.test(payment.reference)) problems.push('référence (refdet) de 6 à 30 caractères alphanumériques');
      const mel = payment.email ?? '';
      if (!mel.includes('@') || mel.length < 6 || mel.length > 80) problems.push('adresse e-mail du payeur manquante ou invalide');
      if (problems.length > 0) throw new ProviderRefusedError('local', problems.join(' ; '));
      try {
        const xml = await call('creerPaiementSecurise', [
          ['exer', String(payment.year)],
          ['mel', mel],
          ['montant', String(payment.amountCents)],
          ['numcli', config.numcli],
          ['objet', payfipObjet(payment.description)],
          ['refdet', payment.reference],
          ['saisie', config.saisie],
          ['urlnotif', payment.urls.notify],
          ['urlredirect', payment.urls.return],
        ]);
        const idop = soapField(xml, 'idOp');
        if (!idop) throw new Error('PayFiP creerPaiementSecurise: no idOp in the answer');
        return { providerRef: idop, redirectUrl: `${config.paymentUrl}?idop=${encodeURIComponent(idop)}` };
      } catch (error) {
        if (error instanceof PayfipFault) throw new ProviderRefusedError(error.code, error.label);
        throw error;
      }
    },

    async handleNotification(request) {
      const form = new URLSearchParams(request.rawBody);
      const idop = form.get('idop') ?? form.get('idOp') ?? request.query.get('idop') ?? request.query.get('idOp') ?? '';
      if (!/^[A-Za-z0-9-]{1,64}$/.test(idop)) return { kind: 'reject', status: 400, reason: 'Missing or malformed idop' };
      return { kind: 'check', providerRef: idop };
    },

    async poll(ref, now) {
      try {
        return resultOf(await call('recupererDetailPaiementSecurise', [['idOp', ref.providerRef]]));
      } catch (error) {
        if (!(error instanceof PayfipFault)) throw error;
        if (error.code === 'P1') return { status: 'expired', providerRef: ref.providerRef, code: 'P1', detail: error.label };
        if (error.code === 'P5') {
          const old = now.getTime() - new Date(ref.createdAt).getTime() >= P5_EXPIRES_AFTER_MS;
          return { status: old ? 'expired' : 'waiting', providerRef: ref.providerRef, code: 'P5', detail: error.label };
        }
        // Another functional error on a lookup: we cannot tell; the transaction keeps running until its hold ends.
        return { status: 'waiting', providerRef: ref.providerRef, code: error.code, detail: error.label };
      }
    },
  };
  return provider;
}
