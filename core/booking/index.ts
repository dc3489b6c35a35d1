// Public API of the booking domain (pure rules, use cases and their ports).
export * from './model';
export type * from './service';
export * from './activity';
export * from './planning-period';
export * from './day-cells';
export * from './changes';
export * from './advanced-edit';
export * from './next-deadline';
export * from './basket-lines';
export * from './messages-fr';
export * from './ports';
export { createBookingService } from './use-cases/booking-service';
export { createBasketJobs, type BasketJobs } from './use-cases/basket-jobs';
export { createCalendarService, parseImportedHolidays, MAX_IMPORT_BYTES } from './calendar-service';
