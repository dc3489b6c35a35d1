// Public API of the payment domain: model, state machine, ports, use cases.
export * from './model';
export * from './state';
export * from './ports';
export { anomalyKindFr, outcomeFr, lineTitleFr, receiptMail } from './messages-fr';
export { createPaymentService, paymentDescription } from './use-cases/payment-service';
export type { PayActor, PayError, PayOutcome, PaymentService } from './use-cases/payment-service';
