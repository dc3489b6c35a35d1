import type { Catalog } from './fr';

const n = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const s = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

const FAMILY_FIELDS: Record<string, string> = {
  fileNumber: 'File number', familyName: 'Family name', address: 'Address', postalCode: 'Postcode', city: 'Town', familyEmail: 'Family e-mail',
  familyPhone: 'Family phone', resident: 'Resident', qf: 'Family quotient', qfValidUntil: 'QF valid until',
};
const GUARDIAN_FIELDS: Record<string, string> = { firstName: 'first name', lastName: 'last name', relationship: 'relationship', email: 'e-mail', phone: 'phone' };
const CHILD_FIELDS: Record<string, string> = {
  firstName: 'first name', lastName: 'last name', birthDate: 'date of birth', school: 'school', level: 'class', diet: 'diet', allergies: 'allergies', pai: 'PAI',
};

function fieldLabel(field: string): string {
  const [group, name] = field.split('.');
  if (!name) return FAMILY_FIELDS[group] ?? group;
  const number = group.replace(/\D/g, '');
  return group.startsWith('guardian') ? `Guardian ${number} – ${GUARDIAN_FIELDS[name] ?? name}` : `Child ${number} – ${CHILD_FIELDS[name] ?? name}`;
}

const FAMILY_CHANGE: Record<string, string> = {
  name: 'name', addressLine: 'address', postalCode: 'postcode', city: 'town', email: 'e-mail', phone: 'phone', resident: 'residence', qf: 'QF',
  qfValidUntil: 'QF validity',
};
const PERSON_CHANGE: Record<string, string> = {
  relationship: 'relationship', email: 'e-mail', phone: 'phone', lastName: 'last name', siteId: 'school', level: 'class', diet: 'diet', allergies: 'allergies', hasPai: 'PAI',
};

export const enBackoffice: Catalog['backoffice'] = {
  menu: { families: 'Families', attendance: 'Attendance', meals: 'Meals', exports: 'Exports', staffSites: 'Assignments' },
  common: {
    site: 'Site',
    allSites: 'All sites',
    date: 'Date',
    from: 'From',
    to: 'To',
    show: 'Show',
    none: '—',
    comingWith: (what) => `Coming with ${what}.`,
    diet: { standard: 'Standard', sans_porc: 'No pork', vegetarien: 'Vegetarian' },
    yes: 'yes',
    no: 'no',
    badDate: 'Enter a date that exists, for example 27/11/2026.',
    badRange: 'Enter a valid period: the end after the start, two months at most.',
    euros: (cents) => `€${(cents / 100).toFixed(2)}`,
  },
  dashboard: {
    mealsTitle: 'Meals per day and site',
    mealsIntro: 'Meals booked and children present (attendance) over the last opening days.',
    mealsChart: (site) => `${site}: meals booked and children present per day`,
    booked: 'Booked',
    present: 'Present',
    notTaken: 'not taken',
    noMeals: 'No meals over the last days.',
    occupancyTitle: 'Occupancy',
    occupancyIntro: (day) => `Places booked against capacity on ${day}.`,
    occupancyChart: (day) => `Places booked and capacity on ${day}`,
    occupancyNone: 'No activity open in the next seven days.',
    activity: 'Activity',
    reserved: 'Booked',
    capacity: 'Capacity',
    rate: 'Rate',
    waitingTitle: 'Waiting lists',
    waitingIntro: 'Days on a waiting list from today, and enrolments waiting for a place.',
    waitingDays: 'Days waiting',
    waitingEnrolments: 'Enrolments waiting',
    waitingNone: 'No waiting list.',
    waitingChart: 'Days on a waiting list per activity',
    revenueTitle: 'Invoiced and paid',
    dataTable: (title) => `Data: ${title}`,
    animateurNoSite: 'No site is assigned to you yet: ask an administrator to assign you to your school.',
  },
  families: {
    title: 'Families',
    intro: 'Search a family by name, a child’s name, its file number, an e-mail address or a school.',
    search: 'Search',
    query: 'Name, child, file number, e-mail or school',
    withoutAccount: 'Only families without a parent account',
    caption: (total, page, pages) => `${s(total, 'family', 'families')}${pages > 1 ? `, page ${page} of ${pages}` : ''}`,
    none: 'No family matches the search.',
    columns: { select: 'Selection', name: 'Family', fileNumber: 'File number', guardians: 'Guardians', children: 'Children', accounts: 'Accounts' },
    selectFamily: (name, fileNumber) => `Select the ${name} family (${fileNumber})`,
    selectAll: 'Select all on this page',
    accountsCell: (total, activated) => (total === 0 ? 'none' : `${n(activated)} activated of ${n(total)}`),
    createAccounts: 'Create the accounts of the selected families',
    createHint: 'Each guardian with an e-mail address receives a link to choose a password; for a family without e-mail, a letter with an activation code is to be printed.',
    noneSelected: 'Select at least one family.',
    previous: 'Previous page',
    next: 'Next page',
    pagination: 'Result pages',
    importLink: 'Import families (CSV)',
    lettersLink: 'Activation letters to print',
    created: (accounts, mailed) => `${s(accounts, 'account created', 'accounts created')}, ${s(mailed, 'activation link', 'activation links')} sent by e-mail.`,
    unchanged: (count) => `${s(count, 'family', 'families')} already had their accounts.`,
    mailFailures: (count) => `${s(count, 'e-mail', 'e-mails')} could not be sent: resend the link from the family’s page.`,
    skipped: 'Accounts not created',
    skipReasons: { email_taken: 'this e-mail address already belongs to another account', already_has_account: 'an account was just created for this person' },
    needLetters: (count) => `${s(count, 'family has', 'families have')} no e-mail address: print their activation letters.`,
    printLetters: 'Print the activation letters',
  },
  family: {
    title: (name) => `${name} family`,
    fileNumber: (number) => `File no. ${number}`,
    back: 'Back to the search',
    contact: 'Contact details',
    address: 'Address',
    email: 'E-mail',
    phone: 'Phone',
    resident: 'Lives in the commune',
    income: 'Family quotient',
    qf: 'QF',
    qfValidUntil: 'Valid until',
    qfMissing: 'No certificate',
    qfExpired: 'expired',
    incomeHidden: 'The family quotient is only visible to billing staff.',
    guardians: 'Legal guardians',
    guardianColumns: { name: 'Name', relationship: 'Relationship', email: 'E-mail', phone: 'Phone', account: 'Account', actions: 'Actions' },
    accountStates: { none: 'no account', pending: 'awaiting activation', active: 'activated', inactive: 'deactivated' },
    accountOf: (username, state) => `${username} (${state})`,
    createAccounts: 'Create the accounts',
    resend: 'Resend the link',
    letter: 'Print a letter',
    deactivate: 'Deactivate',
    reactivate: 'Reactivate',
    of: (name) => ` of ${name}`,
    children: 'Children',
    childColumns: { name: 'Name', birthDate: 'Date of birth', school: 'School', level: 'Class', diet: 'Diet', allergies: 'Allergies', pai: 'PAI' },
    noSchool: 'not given',
    healthHidden: 'Health data (diet, allergies, PAI) is only visible to the staff who need it.',
    paiNotice: 'Reading a PAI is recorded in the audit log.',
    authorised: 'People allowed to collect the children',
    authorisedNone: 'Nobody else.',
    bookings: 'Booking history',
    bookingsCaption: (shown, total) => (shown < total ? `The last ${n(shown)} bookings of ${n(total)}` : s(total, 'booking', 'bookings')),
    bookingColumns: { day: 'Date', child: 'Child', activity: 'Activity', status: 'Status', price: 'Price' },
    bookingStatus: { reserved: 'Booked', cancelled: 'Cancelled', waiting: 'Waiting list' },
    noBookings: 'No booking.',
    requests: 'Requests',
    requestsLater: 'requests (enrolments and families’ requests)',
    notices: {
      created: 'The accounts were created; the activation links were e-mailed.',
      createdLetter: 'The account was created: print the activation letter (the family has no e-mail).',
      nothing: 'Every guardian already has an account (or none has a usable e-mail address).',
      resent: 'A new activation link was sent; the previous one no longer works.',
      deactivated: 'The account was deactivated: its sessions ended.',
      reactivated: 'The account was reactivated.',
    },
    errors: {
      not_found: 'This account does not belong to this family.',
      not_pending: 'This account is already activated: the parent can use « Forgotten password? ».',
      no_email: 'This account has no e-mail address: print an activation letter.',
      inactive: 'This account is deactivated: reactivate it first.',
      mail_failed: 'The e-mail could not be sent. Try again in a few minutes.',
    },
  },
  import: {
    title: 'Import families',
    intro:
      'Import the questionnaire the families filled in, saved as CSV (semicolon or comma separated, UTF-8 or Windows-1252). One line per family: guardians, address, family quotient, and up to four children.',
    steps: ['1. Choose the file', '2. Check the columns and the dry run', '3. Import'],
    file: 'CSV file',
    fileHint: (max) => `A .csv file of ${max} at most. An Excel workbook must first be saved as CSV.`,
    analyse: 'Analyse the file',
    anotherFile: 'Choose another file',
    expectedTitle: 'Recognised columns',
    expected:
      'Columns are recognised by their title (for example « Nom de famille », « Code postal », « Responsable 1 prénom », « Enfant 2 date de naissance »). You can correct the mapping before importing. Required: family name, address, postcode, town, first and last name of guardian 1, first name and date of birth of the first child, and each child’s class.',
    rules:
      'Nothing is deleted: an empty cell keeps the stored value. A known family (same file number, same guardian 1 e-mail or same child) is updated; importing the same file twice changes nothing.',
    fileInfo: (name, lines, encoding, delimiter) => `${name}: ${s(lines, 'line', 'lines')}, ${encoding} encoding, « ${delimiter === '\t' ? 'tab' : delimiter} » separator.`,
    mappingTitle: 'Column mapping',
    mappingIntro: 'For each piece of information, the file’s column that holds it. Unmapped columns are ignored.',
    mappingGroups: { family: 'Family', guardian: (k) => `Guardian ${k}`, child: (k) => `Child ${k}` },
    field: 'Information',
    column: 'File column',
    notInFile: '(not in the file)',
    required: 'required',
    fieldLabel,
    preview: 'Run the dry run again',
    importButton: (count) => `Import ${s(count, 'line', 'lines')}`,
    reportTitle: 'Dry run: what the import would do',
    resultTitle: 'Import done',
    summary: (c) =>
      [
        s(c.create, 'new family', 'new families'),
        s(c.update, 'family updated', 'families updated'),
        s(c.unchanged, 'family unchanged', 'families unchanged'),
        s(c.error, 'line in error', 'lines in error'),
        ...(c.warnings ? [s(c.warnings, 'warning', 'warnings')] : []),
      ].join(', '),
    blocked: 'The file has errors: nothing will be imported until they are fixed (fix the file, then analyse it again).',
    importable: 'No error: you can import. The import is all or nothing.',
    imported: (c) => `${s(c.created, 'family created', 'families created')}, ${s(c.updated, 'family updated', 'families updated')}, ${s(c.unchanged, 'family unchanged', 'families unchanged')}.`,
    nextSteps: 'Next step: create the families’ accounts from the families list (filter « without a parent account »).',
    toFamilies: 'See the families without an account',
    reportCaption: 'Line-by-line report',
    reportColumns: { line: 'Line', family: 'Family', result: 'Result', details: 'Details' },
    actions: { create: 'New family', update: 'Update', unchanged: 'Unchanged', error: 'Error' },
    onlyProblems: (shown, total) => `The ${n(shown)} lines to check come first; ${n(total)} lines in all.`,
    change: (change) => {
      if (change.kind === 'family') return `${FAMILY_CHANGE[change.field ?? ''] ?? change.field} changed`;
      if (change.kind === 'guardian_added') return `guardian added: ${change.name}`;
      if (change.kind === 'child_added') return `child added: ${change.name}`;
      const fields = (change.fields ?? []).map((f) => PERSON_CHANGE[f] ?? f).join(', ');
      return `${change.kind === 'guardian_updated' ? 'guardian' : 'child'} ${change.name}: ${fields}`;
    },
    issue: (i) => {
      const f = i.field ? fieldLabel(i.field) : '';
      const v = i.value !== undefined ? ` « ${i.value} »` : '';
      switch (i.code) {
        case 'column_count':
          return `The line has ${n(i.counts?.got ?? 0)} columns instead of ${n(i.counts?.expected ?? 0)} (an extra separator?).`;
        case 'required':
          return `${f}: missing value.`;
        case 'too_long':
          return `${f}: text too long${v}.`;
        case 'invalid_date':
          return `${f}: invalid date${v} (expected DD/MM/YYYY, for example 14/05/2018).`;
        case 'implausible_birth_date':
          return `${f}: impossible date of birth for a school child${v}.`;
        case 'invalid_email':
          return `${f}: invalid e-mail address${v}.`;
        case 'invalid_phone':
          return `${f}: invalid phone number${v}.`;
        case 'invalid_postal_code':
          return `${f}: invalid postcode${v} (5 digits).`;
        case 'postal_code_padded':
          return `${f}: the leading zero the spreadsheet dropped was put back${v}.`;
        case 'invalid_yes_no':
          return `${f}: answer « oui » or « non »${v}.`;
        case 'invalid_qf':
          return `${f}: invalid amount${v} (a whole number of euros).`;
        case 'qf_without_date':
          return 'Family quotient without an end of validity: say until when it is valid.';
        case 'date_without_qf':
          return 'Validity date without a family quotient: it is ignored.';
        case 'invalid_level':
          return `${f}: unknown class${v} (TPS, PS, MS, GS, CP, CE1, CE2, CM1 or CM2).`;
        case 'invalid_diet':
          return `${f}: unknown diet${v} (standard, sans porc or végétarien).`;
        case 'unknown_school':
          return `${f}: no school of the commune has this name${v}.`;
        case 'ambiguous_school':
          return `${f}: several schools match${v}; write the full name.`;
        case 'no_child':
          return 'No child on the line.';
        case 'duplicate_child_in_line':
          return `${f}: this child appears twice on the line${v}.`;
        case 'duplicate_family':
          return `Duplicate: same family as line ${i.otherLine}${v}.`;
        case 'duplicate_child':
          return `Duplicate: the child${v} is already on line ${i.otherLine}.`;
        case 'child_in_other_family':
          return `The child${v} already belongs to file ${i.other}: give that file number, or correct the line.`;
        case 'family_matched_twice':
          return `File ${i.other} already matches line ${i.otherLine}.`;
        default:
          return `${f}: value refused${v}.`;
      }
    },
    errors: {
      empty: 'The file is empty.',
      spreadsheet: 'This is an Excel or LibreOffice workbook: save it as CSV (File › Save as › CSV), then import the CSV file.',
      binary: 'This file is not a CSV text file.',
      unclosed_quote: (line) => `Line ${line}: a quote is not closed.`,
      no_data: 'The file only has a header line, no family.',
      too_many_lines: 'The file has more than 10,000 lines: split it into several files.',
      too_large: (max) => `The file is larger than ${max}.`,
      required: 'Choose a CSV file.',
      missing_columns: (fields) => `Required columns not mapped: ${fields.join(', ')}.`,
      stale: 'The form expired: analyse the file again.',
    },
  },
  letters: {
    title: 'Activation letters',
    intro:
      'For families without an e-mail address, a letter gives the username and a one-time activation code (valid 90 days); the parent chooses their own password on the portal. Printing a new letter cancels the previous code.',
    caption: 'Accounts waiting for a letter',
    columns: { select: 'Selection', family: 'Family', fileNumber: 'File number', username: 'Username' },
    select: (name) => `Print the letter of the ${name} family`,
    none: 'No account is waiting for a letter.',
    generate: 'Generate the letters',
    generated: (count) => `${s(count, 'letter', 'letters')} ready to print. The codes are shown only once: print now.`,
    print: 'Print',
    printHint: 'Print with your browser’s menu (Ctrl+P). Each letter fits on one page.',
    noneSelected: 'Select at least one family.',
    nothing: 'None of the selected accounts is waiting for a letter (already activated, or with an e-mail address).',
    letter: {
      place: (commune) => `${commune},`,
      subject: 'Subject: your family portal account',
      greeting: (name) => `Dear ${name},`,
      body: (commune) => `The children’s service of ${commune} created your family portal account: you can book the canteen and after-school care of your children and keep your file up to date.`,
      how: (url) => `To activate it, go to ${url} and enter:`,
      username: 'Username',
      code: 'Activation code',
      then: 'You will then choose your own password. This code works once and stays valid 90 days. The town hall will never ask for your password.',
      signature: (commune) => `The children’s service of ${commune}`,
    },
  },
  activation: {
    title: 'Activate my account',
    intro: 'Choose the password of your family portal account.',
    codeIntro: 'Enter the username and the activation code you received by post, then choose your password.',
    forAccount: (username) => `Account: ${username}`,
    identifier: 'Username',
    code: 'Activation code',
    codeHint: '12 characters, for example K7QM-2XJ9-HT4P (dashes are optional).',
    submit: 'Activate my account',
    invalidLink: 'This activation link is no longer valid (already used, replaced by a newer one or expired). Ask the children’s service for a new link, or use « Forgotten password? » if your account is already activated.',
    invalidCode: 'Wrong username or activation code, or code already used.',
    tooMany: 'Too many attempts. Try again in a few minutes.',
    done: 'Your account is activated. Sign in with your username and your new password.',
  },
  attendance: {
    title: 'Attendance',
    intro: 'Choose the activity: the list of booked children appears; tap « Present » or « Absent » for each.',
    chooseDay: 'Day',
    today: 'Today',
    previousDay: 'Previous day',
    nextDay: 'Next day',
    activities: (day) => `Activities on ${day}`,
    noActivity: 'No activity open that day on your sites.',
    noSite: 'No site is assigned to you: ask an administrator to assign you to your school.',
    sheetTitle: (activity, day) => `${activity} – ${day}`,
    counts: (c) =>
      `${n(c.booked)} booked: ${n(c.present)} present, ${n(c.absent)} absent, ${n(c.unmarked)} to mark${c.unbooked ? `; ${s(c.unbooked, 'child', 'children')} without booking` : ''}.`,
    listLabel: 'Children to mark',
    empty: 'No child booked.',
    present: 'Present',
    absent: 'Absent',
    named: (name) => `: ${name}`,
    statusLabel: { null: 'to mark', present: 'present', absent: 'absent', present_unbooked: 'present without booking' },
    unbooked: 'without booking (surcharge)',
    pai: 'PAI',
    paiTitle: 'Individual care plan: follow the protocol',
    justified: 'justified absence',
    certificate: 'certificate',
    justify: 'Justify the absence',
    justifyOf: (name) => `Justify the absence of ${name}`,
    certificateFile: 'Certificate (PDF, JPEG or PNG)',
    justifySubmit: 'Save the certificate',
    addTitle: 'Child present without booking',
    addIntro: 'A child of the school present without a booking is added to the list (the surcharge will apply).',
    addChild: 'Child',
    addSubmit: 'Add as present',
    addNone: 'Every child of the school is already on the list.',
    choose: 'Choose…',
    back: 'Other activities of the day',
    pending: (count) => `${s(count, 'mark', 'marks')} waiting to be sent: they will go as soon as the connection is back.`,
    synced: 'Every mark is saved.',
    offline: 'Connection lost: the marks are kept on this device.',
    notices: { marked: 'Mark saved.', added: 'Child added, present without booking.', justified: 'Absence justified, certificate saved.' },
    errors: {
      invalid: 'Mark refused: invalid data.',
      not_found: 'This child or activity does not exist on your sites.',
      bad_day: 'Attendance is taken on the day itself or a past day (two months at most).',
      not_booked: 'This child is not booked that day.',
      not_absent: 'Only an absence can be justified.',
      required: 'Choose the certificate to upload.',
      empty: 'The file is empty.',
      too_large: (max) => `The file is larger than ${max}.`,
      type_not_allowed: 'Only PDF, JPEG and PNG files are accepted.',
      chooseChild: 'Choose the child to add.',
    },
  },
  meals: {
    title: 'Meals for the kitchen',
    intro:
      'Meals to prepare per site and day, by diet. They are frozen at the booking deadline: after it, families can no longer book and the kitchen knows what to cook. « Present » and the difference fill in with attendance.',
    caption: (from, to) => `Meals from ${from} to ${to}`,
    columns: {
      day: 'Day', site: 'Site', activity: 'Activity', standard: 'Standard', sans_porc: 'No pork', vegetarien: 'Vegetarian', total: 'Total', pai: 'Of which PAI',
      state: 'State', bookedNow: 'Booked now', present: 'Present', difference: 'Difference',
    },
    frozen: (at) => `Frozen on ${at}`,
    frozenLate: (at, deadline) => `Frozen on ${at} (deadline: ${deadline})`,
    forecast: (at) => `Forecast, frozen on ${at}`,
    notTaken: 'not taken',
    none: 'No meal over this period.',
    csv: 'Download (CSV)',
    xlsx: 'Download (Excel)',
    print: 'To print, use your browser’s menu (Ctrl+P): only the table is printed.',
    totalFor: (day) => `Total for ${day}`,
  },
  exports: {
    title: 'Exports',
    intro:
      'Download the data as CSV (spreadsheet, semicolon separated, UTF-8) or Excel. Cells starting with = + - or @ are neutralised (an apostrophe before) so that no spreadsheet runs them as formulas.',
    datasets: {
      familles: { title: 'Families', text: 'One line per family in the questionnaire’s columns: the file can be corrected and imported again.' },
      enfants: { title: 'Children', text: 'One line per child, with diet, allergies and PAI (recorded in the audit log).' },
      reservations: { title: 'Bookings', text: 'One line per child, activity and day over the period, with the status and unit price.' },
      pointage: { title: 'Attendance', text: 'Presences, absences (justified or not) and children present without booking over the period.' },
      repas: { title: 'Meals', text: 'Meals per site, day and diet, frozen at the deadline, with the children present and the difference.' },
    },
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    download: (format, title) => `Download ${title} as ${format}`,
    badRange: 'Invalid period: the end must follow the start, 400 days at most.',
  },
  staffSites: {
    title: 'Activity leaders’ assignments',
    intro: 'An activity leader only sees the sites they are assigned to: attendance, meals, occupancy and dashboard. Agents and administrators see every site.',
    caption: 'Sites of each staff member',
    columns: { user: 'Person', role: 'Role', sites: 'Sites' },
    sitesOf: (name) => `Sites of ${name}`,
    save: 'Save',
    saved: 'Assignments saved.',
    allSites: 'all sites (role)',
    errors: { not_found: 'This account does not exist.', unknown_site: 'Unknown site.' },
  },
};
