import type { Role } from './roles.js';

/** What each role may do; where it may do it is the role's region scope (see access.ts). */
export const PERMISSIONS = {
  'region.browse': 'see regions and their activated villages',
  'village.activate': 'activate a village on the platform',
  'village.profile.read': 'read a village profile',
  'village.profile.write': 'edit a village profile and its dusun/RW/RT',
  'account.read': 'list accounts',
  'account.create': 'create accounts of lower roles',
  'account.manage': 'deactivate and reactivate accounts of lower roles (their sessions end at once), give them a one-time password reset code, list the accounts unused for 90 days',
  'token.manage': 'make API tokens for machine clients within one\'s own region, with no more than one\'s own permissions and a set expiry; revoke the tokens of the region',
  'audit.read': 'read the audit log',
  'population.statistics': 'see population counts and statistics (no personal data)',
  'population.read': 'list and open residents and families of the village',
  'population.full_nik': 'see NIK and KK numbers unmasked',
  'population.write': 'register residents, record population events, change families',
  'population.import': 'import residents from a spreadsheet',
  'population.export': 'export personal data of residents',
  'population.access_log': 'see who accessed a resident\'s data',
  'civil_registry.manage': 'report the register\'s changes to the civil registry (Disdukcapil) and compare its list of the village\'s residents with the register, accepting the corrections chosen (the officers who keep the register)',
  'letters.read': 'see letter requests and the archive of issued letters',
  'letters.request': 'make a letter request for a resident at the counter',
  'letters.check': 'check a letter request, reject it, mark it ready and collected',
  'letters.sign': 'sign letters: the head himself, the secretary a.n., another official u.b. (the account must be linked to the official)',
  'village.officials.delegate': 'name the officials who may sign letters u.b. (the village head)',
  'letters.revoke': 'revoke an issued letter',
  'letters.configure': 'change letter types, templates and numbering',
  'letters.statistics': 'see letter figures (no personal data)',
  'citizen.pin': 'issue or reset a citizen\'s PIN at the office; handle correction requests',
  'notifications.read': 'see the messages sent to the village\'s citizens (recipients masked) and which failed',
  'notifications.retry': 'send a failed message to a citizen again',
  'self.read': 'a citizen: see their own and their family\'s data',
  'self.letters': 'a citizen: request letters and follow them',
  'monitoring.read': 'see the monitoring dashboards (adoption, services, population, village index) of the scope',
  'monitoring.index.write': 'enter or import village development index (IDM, Indeks Desa) scores in the scope',
  'budget.read': 'see the village budget (APBDes) with every version and who prepared, verified and adopted it',
  'budget.write': 'prepare the village budget: start a version, add and remove its lines while it is a draft',
  'budget.verify': 'verify a prepared budget or a posted entry (the secretary), or send a budget back to be changed',
  'budget.post': 'post what the village received and paid against the budget in force, with its proof; correct an entry by a new one',
  'budget.count_cash': 'record the cash count: the treasurer’s cash in hand and the bank statement beside the books (the head or the secretary, never the treasurer)',
  'budget.approve': 'adopt a verified budget by village regulation (the head); never one the same person prepared',
  'self.proposals': 'a citizen: propose an activity for the village plan and follow what the village meeting decided',
  'budget.caps': 'set the yearly caps national rules put on village budgets (the BLT share of Dana Desa)',
  'planning.read': 'see the village plans (RPJMDes, RKPDes) with every version',
  'planning.write': 'prepare a village plan: start a version, add and remove its activities while it is a draft; record proposals and the meetings that rank them',
  'planning.approve': 'adopt a prepared plan by village regulation (the head); never one the same person prepared',
  'complaints.read': 'see the complaints and aspirations sent to the village, with who sent them',
  'complaints.handle': 'answer a complaint, route it to an officer, change its status, keep it off the public list',
  'announcements.send': 'send an announcement to the village\'s residents with a phone (all, a dusun, an aid programme\'s recipients) and see how many were delivered',
  'self.announcements': 'a citizen: stop or resume the village\'s announcements to their phone',
  'self.complaints': 'a citizen: send a complaint or an aspiration and follow the answers',
  'assistance.read': 'see the aid programmes and their lists of recipients, with why each qualifies (special-category data: welfare rank, health, disability)',
  'institutions.read': 'see the village institutions (BPD, LPM, PKK, RT/RW …) with their members, terms, activities and decisions, and the trainings with who took part',
  'institutions.write': 'record institutions, members and their terms (ending a term keeps it as history), activities, decisions, trainings and participants',
  'site.write': 'edit the village website: profile and history, news, announcements, agenda, gallery, officials\' photos, short name and domain',
  'farmers.read': 'see the farmers of the village (NIK masked), their parcels, crops, group, allocation and redemptions, the farmer groups and their RDKK',
  'farmers.write': 'register farmers from the population register, their parcels and crops; form Poktan and Gapoktan and keep their members; record harvest offers for a group',
  'farmers.rdkk.draft': 'draft a group\'s RDKK (with the extension officer), revise it, submit it to the district',
  'farmers.rdkk.verify': 'verify a submitted RDKK (the district) or send it back to the group',
  'farmers.rdkk.approve': 'approve a verified RDKK (the regency\'s agriculture office): it sets the farmers\' allocations',
  'farmers.kiosks': 'register fertiliser kiosks, their accounts and the villages they serve',
  'farmers.redeem': 'a kiosk: look a farmer card up, see the remaining allocation, record a redemption, record stock received, see its daily report',
  'self.farmer': 'a citizen: see their farmer card, allocation and redemptions; offer a harvest for sale',
  'market.verify': 'verify or suspend the village\'s marketplace sellers; see the village\'s orders, buyers\' contacts included, to settle disputes',
  'market.manage': 'run the shop of the BUMDes or a cooperative: register it, its products, stock and orders',
  'market.agent': 'serve at the BUMDes\'s payment counter: ask a bill, take the payment through the provider, reverse it, close the day',
  'market.agent_report': 'read the BUMDes\'s daily settlement of payment services (count, amounts, fees, what is owed to the provider)',
  'self.shop': 'a citizen: register their small business (UMKM), list its products, handle its orders',
  'mail.read': 'see the incoming letters (surat masuk) with their scans and routings, and the agenda book',
  'mail.write': 'register an incoming letter with its scan; void one registered by mistake, with the reason',
  'mail.route': 'route an incoming letter to officials with an instruction and a due date (disposisi)',
  'mail.queue': 'see the incoming letters routed to oneself and mark one\'s part done, with a note',
  'survey.manage': 'build the village\'s questionnaires (bank data desa): copy a ready-made one, add, change and order questions while a draft, open and close it',
  'survey.fill': 'fill an open questionnaire for the village\'s households, families or residents (an enumerator), a little at a time',
  'survey.read': 'read a questionnaire\'s results by dusun and RT and export its responses with the subjects\' names (audited)',
  'regulation.read': 'see the register of village regulations and the head\'s decisions with their documents, and the books made from it (Buku Peraturan di Desa, Buku Keputusan Kepala Desa, Buku Lembaran Desa dan Berita Desa)',
  'regulation.manage': 'record a regulation or decision with its signed PDF, correct a record typed wrong (the old one kept), revoke one with the reason',
  'assistance.write': 'prepare an aid programme: its rules, the candidate list, the musdesus that adopts it, the payouts; import welfare ranks (DTSEN)',
  'attendance.self': 'check in and out for oneself (a village official), on the phone when the village allows it, and see one\'s own attendance',
  'attendance.manage': 'set the village\'s attendance rules (phone or kiosk only, the place, office hours), register the office kiosk, correct an entry with a reason, read the monthly recap of every official',
  'guestbook.write': 'write a guest into the village office\'s guest book and search it (phone numbers masked)',
  'guestbook.read': 'see guests\' phone numbers in the guest book and export it',
  'asset.read': 'see the village\'s inventory and land (Buku Inventaris dan Kekayaan Desa, Buku Tanah Kas Desa, Buku Tanah di Desa) with owners\' names, and print the books',
  'asset.manage': 'record the village\'s goods and land, correct them with a reason, record a change of condition or a disposal (penghapusan), never deleting',
  'profile.read': 'see the village\'s ministry profile (Prodeskel, SDGs Desa): the figures Balai fills from its own data with their sources, the items typed by hand, and its Excel (counts only, no personal data)',
  'profile.write': 'type and correct the ministry profile\'s items Balai cannot count (the land\'s area, the topography …), per year; a correction keeps the earlier value',
  'election.read': 'see the village head election: its schedule, TPS, candidates, the voter lists (NIK masked), turnout and results',
  'election.manage': 'run the village head election (the committee): schedule, TPS, candidates, the provisional list (DPS) and its objections, freezing the final list (DPT), opening and closing the voting, the recount from the paper receipts, the record of the count (berita acara)',
  'election.tps': 'serve at a TPS on voting day: find a voter in the DPT by NIK and give a one-time ballot token; open the voting booth screen',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const everyone: Permission[] = ['region.browse', 'village.profile.read', 'population.statistics', 'letters.statistics'];
const letterDesk: Permission[] = ['letters.read', 'letters.request', 'letters.check', 'letters.configure', 'citizen.pin', 'notifications.read', 'notifications.retry'];
// The head oversees and signs; the operator and secretary type NIKs into letters and need them whole.
const villageRead: Permission[] = ['population.read', 'population.access_log'];
const villageWrite: Permission[] = [...villageRead, 'population.full_nik', 'population.write', 'population.import', 'population.export', 'civil_registry.manage'];
// Dashboards of the scope; a village sees its own. Index scores: the village's form, the region's import.
const monitoring: Permission[] = ['monitoring.read', 'monitoring.index.write'];
const regional: Permission[] = [...everyone, 'village.activate', 'account.read', 'account.create', 'account.manage', 'token.manage', 'audit.read', ...monitoring, 'profile.read'];
// The treasurer prepares, the secretary verifies, the head adopts (Permendagri 20/2018); a
// village without a treasurer account lets the secretary or the operator prepare.
const budgetPrepare: Permission[] = ['budget.read', 'budget.write', 'budget.post'];
// The secretary leads the plan's drafting team (and the operator types for it); the head adopts.
const planPrepare: Permission[] = ['planning.read', 'planning.write'];
// Aid lists are prepared by the operator and the secretary (the musdesus adopts them); they open and take attendance of the musdesus too.
const aidPrepare: Permission[] = ['assistance.read', 'assistance.write'];
// Complaints are answered, and announcements sent, by the village's officers, the head among them.
const complaintDesk: Permission[] = ['complaints.read', 'complaints.handle', 'announcements.send'];
// Institutions and the website are kept by the village office: the head, the secretary, the operator.
const community: Permission[] = ['institutions.read', 'institutions.write', 'site.write'];
// Farmers are registered at the village office (or by the PPL with the group); the RDKK is drafted
// with the PPL, verified by the district and approved by the regency's agriculture office.
const farmDesk: Permission[] = ['farmers.read', 'farmers.write', 'farmers.rdkk.draft'];
// The village office verifies sellers and runs the BUMDes shop; the head oversees (verifies) only.
// The same officers serve at the BUMDes's payment counter; the head reads its daily settlement.
const marketDesk: Permission[] = ['market.verify', 'market.manage', 'market.agent', 'market.agent_report'];
// Incoming letters: the operator and the secretary register them; the head and the secretary route
// them (disposisi); every official with an account works the letters routed to them.
const mailDesk: Permission[] = ['mail.read', 'mail.write', 'mail.queue'];
// The village's questionnaires: the head, the secretary and the operator build them and read the results; every official fills them.
const surveyDesk: Permission[] = ['survey.manage', 'survey.fill', 'survey.read'];
// Regulations and decisions are recorded by the secretary, the operator or the head; every official reads them.
const regulationDesk: Permission[] = ['regulation.read', 'regulation.manage'];
// Every village official checks in; the head and the secretary keep the rules, the corrections and the recap.
// The office writes guests in; only the head and the secretary see a guest's phone whole.
const attendanceLead: Permission[] = ['attendance.self', 'attendance.manage', 'guestbook.write', 'guestbook.read'];
// The village's goods and land are kept by its office: the head, the secretary, the treasurer (who pays for them) and the operator.
const assetDesk: Permission[] = ['asset.read', 'asset.manage'];
// The ministries' village profile is typed by the village office; every official and the levels above read it.
const profileDesk: Permission[] = ['profile.read', 'profile.write'];
// The election is the committee's (appointed by the BPD), not the office's: the head is often a
// candidate, so the officials only read it; the KPPS serve at the TPS.
const electionRead: Permission[] = ['election.read'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  national_admin: new Set([...regional, 'budget.caps']),
  province_admin: new Set(regional),
  regency_officer: new Set(regional),
  district_officer: new Set([...regional, 'farmers.read', 'farmers.rdkk.verify']),
  village_head: new Set([...everyone, ...monitoring, ...villageRead, 'farmers.read', 'population.export', 'village.profile.write', 'account.read', 'account.create', 'account.manage', 'token.manage', 'audit.read',
    'letters.read', 'letters.sign', 'letters.revoke', 'letters.configure', 'village.officials.delegate', 'notifications.read', 'budget.read', 'budget.approve', 'budget.count_cash', 'planning.read', 'planning.approve', 'assistance.read', ...complaintDesk, ...community, 'market.verify', 'market.agent_report', 'mail.read', 'mail.route', 'mail.queue', ...attendanceLead, ...regulationDesk, ...surveyDesk, ...assetDesk, ...profileDesk, ...electionRead]),
  village_secretary: new Set([...everyone, ...monitoring, ...villageWrite, 'village.profile.write', 'account.read', 'account.create', 'account.manage', 'token.manage', 'audit.read',
    ...letterDesk, 'letters.sign', 'letters.revoke', ...budgetPrepare, 'budget.verify', 'budget.count_cash', ...planPrepare, ...aidPrepare, ...complaintDesk, ...community, ...farmDesk, ...marketDesk, ...mailDesk, 'mail.route', ...attendanceLead, ...regulationDesk, ...surveyDesk, ...assetDesk, ...profileDesk, ...electionRead]),
  // The treasurer keeps the money: the budget and (later) what is received and paid; no personal data.
  // The treasurer also pays the aid out: the lists are read, not changed.
  village_treasurer: new Set([...everyone, ...monitoring, ...budgetPrepare, 'planning.read', 'assistance.read', 'mail.queue', 'attendance.self', 'regulation.read', 'survey.fill', ...assetDesk, 'profile.read', ...electionRead]),
  // An operator account never signs: a letter names an official (village_officials), not a desk.
  // The operator connects the village's other programs: API tokens for its own village only.
  village_operator: new Set([...everyone, ...monitoring, ...villageWrite, 'village.profile.write', 'token.manage', ...letterDesk, ...budgetPrepare, ...planPrepare, ...aidPrepare, ...complaintDesk, ...community, ...farmDesk, ...marketDesk, ...mailDesk, 'attendance.self', 'guestbook.write', ...regulationDesk, ...surveyDesk, ...assetDesk, ...profileDesk, ...electionRead]),
  // The PPL works with the groups of the district's villages: farmers, groups, the RDKK draft.
  extension_officer: new Set([...everyone, 'monitoring.read', ...farmDesk]),
  // The agriculture office approves the RDKK and registers the kiosks; it sees the farmers to check what it approves.
  agriculture_officer: new Set([...everyone, 'monitoring.read', 'farmers.read', 'farmers.rdkk.approve', 'farmers.kiosks']),
  // A kiosk fills orders: nothing of the register beyond the card it is shown.
  fertiliser_kiosk: new Set(['farmers.redeem']),
  // The committee sees the register's statistics to check its lists, nothing else of the office.
  election_committee: new Set([...everyone, 'election.read', 'election.manage', 'election.tps']),
  polling_officer: new Set(['region.browse', 'election.read', 'election.tps']),
  citizen: new Set(['region.browse', 'village.profile.read', 'self.read', 'self.letters', 'self.proposals', 'self.complaints', 'self.announcements', 'self.farmer', 'self.shop']),
};

/** Roles an actor may create: strictly lower ranks; the village head and secretary add village staff. */
export const CREATABLE_ROLES: Record<Role, readonly Role[]> = {
  national_admin: ['national_admin', 'province_admin', 'regency_officer', 'agriculture_officer', 'extension_officer', 'district_officer', 'village_head', 'village_secretary', 'village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  province_admin: ['province_admin', 'regency_officer', 'agriculture_officer', 'extension_officer', 'district_officer', 'village_head', 'village_secretary', 'village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  regency_officer: ['agriculture_officer', 'extension_officer', 'district_officer', 'village_head', 'village_secretary', 'village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  district_officer: ['village_head', 'village_secretary', 'village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  village_head: ['village_secretary', 'village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  village_secretary: ['village_treasurer', 'village_operator', 'election_committee', 'polling_officer'],
  // The committee makes its own TPS officers' accounts.
  election_committee: ['polling_officer'],
  polling_officer: [],
  village_treasurer: [],
  village_operator: [],
  // Kiosk accounts are made with the kiosk (farmers.kiosks), not on the accounts page.
  extension_officer: [],
  agriculture_officer: ['extension_officer'],
  fertiliser_kiosk: [],
  citizen: [],
};
