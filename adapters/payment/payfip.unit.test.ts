/**
 * The PayFiP adapter against recorded SOAP answers (fixtures/payfip/): the request XML it sends, every resultrans code,
 * the errors P1, P5 and R3, the notification (idop / idOp), PayFiP's amount limits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProviderRefusedError, type ProviderPayment } from '../../core/payments/ports';
import { payfipObjet, payfipProvider, soapField, type SoapRequest } from './payfip';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'payfip');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const config = { numcli: '012345', saisie: 'T' as const, wsUrl: 'https://payfip.test/tpa/services/securite', paymentUrl: 'https://payfip.test/tpa/paiementws.web' };
const IDOP = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** A transport replaying one fixture per operation, recording the requests. */
function replay(answers: Record<string, { file: string; status?: number }>) {
  const requests: SoapRequest[] = [];
  const transport = async (request: SoapRequest) => {
    requests.push(request);
    const answer = answers[request.action];
    if (!answer) throw new Error(`no fixture for ${request.action}`);
    return { status: answer.status ?? 200, body: fixture(answer.file) };
  };
  return { requests, transport };
}

const payment: ProviderPayment = {
  transactionId: '3f8e0c1a-0000-4000-8000-000000000001',
  reference: 'TRTABCDEFGHJKLMNPQRS',
  amountCents: 1220,
  email: 'famille.martin@example.fr',
  description: 'Portail famille Saint-Exemple réservations TRTABCDEFGHJKLMNPQRS',
  year: 2026,
  createdAt: '2026-11-26T08:00:00.000Z',
  expiresAt: '2026-11-26T08:30:00.000Z',
  urls: {
    notify: 'http://portail.test/api/paiement/payfip/notification',
    return: 'http://portail.test/api/paiement/retour/3f8e0c1a-0000-4000-8000-000000000001',
  },
};
const ref = { reference: payment.reference, providerRef: IDOP, createdAt: payment.createdAt };
const now = new Date('2026-11-26T08:05:00Z');

describe('PayFiP creerPaiementSecurise', () => {
  it('sends the documented request and redirects to the payment page with the idop', async () => {
    const { requests, transport } = replay({ creerPaiementSecurise: { file: 'creerPaiementSecurise-ok.xml' } });
    const started = await payfipProvider(config, transport).start(payment);
    expect(started).toEqual({ providerRef: IDOP, redirectUrl: `https://payfip.test/tpa/paiementws.web?idop=${IDOP}` });
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe(config.wsUrl);
    expect(requests[0].body.trim()).toBe(fixture('creerPaiementSecurise-request.xml').trim());
  });

  it('turns the functional error R3 into a refusal naming the code (nothing created)', async () => {
    const { transport } = replay({ creerPaiementSecurise: { file: 'creerPaiementSecurise-R3.xml', status: 500 } });
    const error = await payfipProvider(config, transport).start(payment).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRefusedError);
    expect(error).toMatchObject({ code: 'R3', message: 'Paramètre non conforme' });
  });

  it('refuses before calling PayFiP: amounts outside 1 € – 100 000 €, a bad refdet, no e-mail', async () => {
    const { requests, transport } = replay({ creerPaiementSecurise: { file: 'creerPaiementSecurise-ok.xml' } });
    const provider = payfipProvider(config, transport);
    for (const amountCents of [99, 10_000_001, -1, Number.NaN, 1e309, 12.5]) {
      await expect(provider.start({ ...payment, amountCents })).rejects.toBeInstanceOf(ProviderRefusedError);
    }
    await expect(provider.start({ ...payment, reference: 'AB-12' })).rejects.toBeInstanceOf(ProviderRefusedError);
    await expect(provider.start({ ...payment, email: null })).rejects.toBeInstanceOf(ProviderRefusedError);
    expect(requests).toHaveLength(0);
    // The limits themselves are accepted.
    await provider.start({ ...payment, amountCents: 100 });
    await provider.start({ ...payment, amountCents: 10_000_000 });
    expect(requests.map((r) => soapField(r.body, 'montant'))).toEqual(['100', '10000000']);
  });

  it('writes an objet PayFiP accepts and escapes what goes into XML', () => {
    expect(payfipObjet('Réservations – Chloé & Sarah <mercredi>')).toBe('Reservations Chloe Sarah mercredi');
    expect(payfipObjet('x'.repeat(150))).toHaveLength(100);
  });
});

describe('PayFiP recupererDetailPaiementSecurise: the only trusted answer', () => {
  const poll = async (file: string, at = now) => {
    const { requests, transport } = replay({ recupererDetailPaiementSecurise: { file, status: file.includes('-P1') || file.includes('-P5') ? 500 : 200 } });
    const result = await payfipProvider(config, transport).poll(ref, at);
    expect(soapField(requests[0].body, 'idOp')).toBe(IDOP);
    return result;
  };

  it('P (card) and V (direct debit) are paid, with the amount and the refdet', async () => {
    for (const code of ['P', 'V']) {
      expect(await poll(`recupererDetailPaiementSecurise-${code}.xml`)).toMatchObject({
        status: 'paid', amount: 1220, reference: 'TRTABCDEFGHJKLMNPQRS', providerRef: IDOP, code,
      });
    }
  });

  it('R and Z are refused, A is abandoned', async () => {
    expect((await poll('recupererDetailPaiementSecurise-R.xml')).status).toBe('denied');
    expect((await poll('recupererDetailPaiementSecurise-Z.xml')).status).toBe('denied');
    expect((await poll('recupererDetailPaiementSecurise-A.xml')).status).toBe('cancelled');
  });

  it('P5 is « not known yet » while the idop is young, expired once it is 20 minutes old', async () => {
    expect(await poll('recupererDetailPaiementSecurise-P5.xml')).toMatchObject({ status: 'waiting', code: 'P5' });
    expect(await poll('recupererDetailPaiementSecurise-P5.xml', new Date('2026-11-26T08:21:00Z'))).toMatchObject({ status: 'expired', code: 'P5' });
  });

  it('P1 (unknown or purged idop) is expired, never paid', async () => {
    expect(await poll('recupererDetailPaiementSecurise-P1.xml')).toMatchObject({ status: 'expired', code: 'P1' });
  });

  it('an answer for another numcli is an error, not a payment', async () => {
    const body = fixture('recupererDetailPaiementSecurise-P.xml').replace('<ns3:numcli>012345<', '<ns3:numcli>999999<');
    const result = await payfipProvider(config, async () => ({ status: 200, body })).poll(ref, now);
    expect(result.status).toBe('error');
  });

  it('passes an unreadable amount through as is (the service makes it an anomaly)', async () => {
    const body = fixture('recupererDetailPaiementSecurise-P.xml').replace('<ns3:montant>1220<', '<ns3:montant>12,505<');
    const result = await payfipProvider(config, async () => ({ status: 200, body })).poll(ref, now);
    expect(result).toMatchObject({ status: 'paid', amount: '12,505' });
  });

  it('a transport failure is thrown (the poller tries again later), not a state', async () => {
    const provider = payfipProvider(config, async () => ({ status: 502, body: 'Bad gateway' }));
    await expect(provider.poll(ref, now)).rejects.toThrow(/HTTP 502/);
  });
});

describe('PayFiP notification', () => {
  const provider = payfipProvider(config, async () => ({ status: 500, body: '' }));
  const notify = (rawBody: string, query = '') => provider.handleNotification({ method: 'POST', headers: {}, query: new URLSearchParams(query), rawBody });

  it('accepts idop and idOp, in the body or the query, and only asks for a check', async () => {
    expect(await notify(`idop=${IDOP}`)).toEqual({ kind: 'check', providerRef: IDOP });
    expect(await notify(`idOp=${IDOP}`)).toEqual({ kind: 'check', providerRef: IDOP });
    expect(await notify('', `idop=${IDOP}`)).toEqual({ kind: 'check', providerRef: IDOP });
  });

  it('refuses a notification without a well-formed idop', async () => {
    expect((await notify('')).kind).toBe('reject');
    expect((await notify('idop=<script>')).kind).toBe('reject');
    expect((await notify(`idop=${'x'.repeat(65)}`)).kind).toBe('reject');
  });
});
