/**
 * Every table with a `village_code` column, in one place (ARCHITECTURE rule 1).
 *
 * VILLAGE_TABLES hold one village's data: every select, update and delete on them must say
 * which village (a `village_code` condition in its WHERE or JOIN … ON). The village guard
 * (village-guard.ts) refuses, in tests, a query that does not; it is what lets Citus shard
 * by village later, and what keeps one village's rows out of another's pages.
 *
 * CROSS_VILLAGE_TABLES carry a village_code but are read across villages by design; each
 * says why. A migration that adds a table with a village_code column must put it in one of
 * the two lists: src/platform/db/village-guard.test.ts fails, naming it, until it does.
 */
export const VILLAGE_TABLES = new Set([
  'village_areas',
  'village_officials',
  'families',
  'residents',
  'population_events',
  // The tables behind the four views above (migration 0018: staged imports).
  'village_areas_rows',
  'families_rows',
  'residents_rows',
  'population_events_rows',
  'idempotency_keys',
  'letter_types',
  'letter_settings',
  'letter_counters',
  'letters',
  'letter_daily',
  // A certified letter's signed PDF (migration 0061).
  'letter_signatures',
  'citizen_pins',
  'correction_requests',
  'jobs',
  'job_rows',
  // The statistics page's summary of one village (migration 0024).
  'population_breakdowns',
  'population_family_members',
  'population_family_count',
  'population_versions',
  'population_monthly_reports',
  // The village budget (migration 0031).
  'budgets',
  'budget_lines',
  'budget_entries',
  // The bank, cash and tax books' own movements, and the cash counts (migration 0037).
  'treasury_entries',
  'cash_counts',
  // Siskeudes files imported (migration 0038).
  'budget_imports',
  // Village plans: RPJMDes and RKPDes (migration 0033).
  'plans',
  'plan_items',
  // Proposals and the meetings that rank them (migration 0034).
  'plan_proposals',
  'meetings',
  'meeting_attendees',
  'meeting_scores',
  // Development projects (migration 0035).
  'projects',
  'project_funds',
  'project_reports',
  'project_photos',
  // Households and the family cards they hold (migration 0039).
  'households',
  'household_families',
  // Welfare ranks and social assistance (migration 0040).
  'welfare_ranks',
  'welfare_imports',
  'assistance_programmes',
  'assistance_recipients',
  'assistance_payouts',
  'assistance_payments',
  // Complaints and what happened to them (migration 0041).
  'complaints',
  'complaint_events',
  // Announcements and who opted out of them (migration 0042).
  'announcements',
  'announcement_opt_outs',
  // Institutions, their members and records; trainings and who took part (migration 0043).
  'institutions',
  'institution_members',
  'institution_records',
  'trainings',
  'training_participants',
  // The village website's posts and photos (migration 0044).
  'site_posts',
  'site_photos',
  // A village copy's changes on their way up, the server's record of them, clashes held for a
  // person, the copy's link to its server (migration 0046).
  'sync_changes',
  'sync_applied',
  'sync_conflicts',
  'sync_state',
  // The farmer card: farmers, parcels, crops, groups, RDKK, allocations, redemptions, harvest offers (migration 0047).
  'farmers',
  'farm_parcels',
  'farm_crops',
  'farmer_groups',
  'farmer_group_members',
  'rdkk_plans',
  'rdkk_lines',
  'farm_allocations',
  'farm_redemptions',
  'farm_redemption_items',
  'harvest_offers',
  // The marketplace: photos, orders, their lines and steps (migration 0048).
  'market_product_photos',
  'market_orders',
  'market_order_lines',
  'market_order_events',
  // Payment agent services at the BUMDes: transactions and the closed days (migration 0050).
  'agent_transactions',
  'agent_settlements',
  // Tourism and local potential: photos (migration 0049).
  'tourism_photos',
  // Staff attendance, its settings and the guest book (migration 0053).
  'attendance_settings',
  'attendance_entries',
  'guest_visits',
  // Incoming letters and their routing (migration 0054).
  'incoming_letters',
  'incoming_letter_routes',
  // The village's questionnaires, their questions, responses and answers (migration 0055).
  'survey_questionnaires',
  'survey_questions',
  'survey_responses',
  'survey_answers',
  // The village's goods and land: inventory, tanah kas desa, tanah di desa, their dated entries (migration 0057).
  'asset_items',
  'village_land_parcels',
  'land_holdings',
  'asset_events',
  // The register of village regulations and the head's decisions (migration 0056).
  'village_regulations',
  // The change feed: one row per change, for other systems to follow (migration 0060).
  'change_feed',
  // Reports to the civil registry and the reconciliation with its list (migration 0063).
  'civil_registry_reports',
  'civil_registry_report_events',
  'civil_registry_imports',
  'civil_registry_differences',
  // The values a village types into its ministry profile (Prodeskel, SDGs Desa), by year and revision (migration 0062).
  'village_profile_values',
  // The register of temporary residents (migration 0058).
  'temporary_residents',
  // The village head election (migration 0065).
  'elections',
  'election_stations',
  'election_station_areas',
  'election_candidates',
  'election_disqualifications',
  'election_voters',
  'election_objections',
  'election_tokens',
  'election_ballot_pool',
  'election_ballots',
  'election_recounts',
]);

export const CROSS_VILLAGE_TABLES: Record<string, string> = {
  villages: 'the register of activated villages: listing them by region is what it is for',
  active_niks: 'the national index of NIKs in use: a NIK is looked up without knowing its village',
  audit_log: 'append-only log of every scope; village_code is a label, read by subject, village or region',
  sessions: 'found by the hash of the session token; village_code only names a citizen session\'s village',
  letter_verify_codes: 'a signed letter\'s public code, checked by whoever holds the letter without knowing its village (distributed by the code on Citus)',
  notification_outbox: 'drained by one worker for every village',
  staged_imports: 'imports under way, read by every query of residents, families, events and areas to hide their rows (a reference table on Citus)',
  // Monitoring rollups (rule 6): per-village counts without personal data, read by region.
  monitoring_population: 'rollup: counts per village, read by region for the dashboards',
  monitoring_families: 'rollup: counts per village, read by region for the dashboards',
  monitoring_events: 'rollup: counts per village and month, read by region for the dashboards',
  monitoring_letter_ready: 'rollup: letter turnaround per village and day, read by region for the dashboards',
  village_activity_daily: 'rollup: actions per village and day, read by region for the dashboards',
  monitoring_budgets: 'rollup: each village\'s adopted budget per year (no personal data), read by region for the dashboards',
  monitoring_plans: 'rollup: each village\'s adopted annual plan (RKPDes) per year (no personal data), read by region for the dashboards',
  monitoring_projects: 'rollup: each project\'s schedule, budget and latest progress (no personal data), read by region for the dashboards',
  monitoring_households: 'rollup: each village\'s households and their housing counts (no personal data), read by region for the dashboards',
  monitoring_complaints: 'rollup: each village\'s open complaints per due day (no personal data), read by region for the dashboards (overdue counted when read)',
  monitoring_complaints_monthly: 'rollup: complaints received and answered per village and month (no personal data), read by region for the dashboards',
  monitoring_assistance: 'rollup: recipients and payouts per village, year and programme kind (no personal data), read by region for the dashboards',
  assistance_claims: 'one benefit once: a NIK or KK number\'s claim on a programme for a year is checked across villages without knowing the village (distributed by the subject on Citus)',
  monitoring_institutions: 'rollup: each village\'s institutions, active members, trainings, people trained and digital cadres (no personal data), read by region for the dashboards',
  sync_keys: 'a village copy\'s key, found by its hash before the village is known (a reference table on Citus)',
  village_sites: 'a village website\'s short name and domain, looked up from the address before the village is known (a reference table on Citus)',
  farmer_niks: 'one farmer per NIK across the installation: looked up by NIK without knowing the village (distributed by the NIK on Citus)',
  farmer_cards: 'a farmer card\'s code, looked up by a kiosk without knowing the village (distributed by the code on Citus)',
  farm_kiosk_villages: 'the villages a fertiliser kiosk serves: read by kiosk and by village (a reference table on Citus)',
  monitoring_farmers: 'rollup: farmers, Poktan and hectares per village (no personal data), read by region for the dashboards',
  monitoring_farm_crops: 'rollup: farmers and hectares per village, year and commodity (no personal data), read by region for the dashboards',
  monitoring_fertiliser: 'rollup: RDKK allocation and redemption per village, year and fertiliser (no personal data), read by region for the dashboards',
  monitoring_kiosk_days: 'rollup: what a kiosk handed out per village, day and fertiliser (no personal data), read by kiosk and by region',
  market_sellers: 'the marketplace\'s verified sellers: listed across villages for buyers (public data a seller chose to show)',
  market_products: 'the marketplace\'s products: searched across villages by name, category and region (public data a seller chose to show)',
  monitoring_market: 'rollup: orders, their value and items per village and day (no personal data), read by region for the dashboards',
  monitoring_mail: 'rollup: incoming letters received and routings made and done per village and month (no sender, no subject), read by region for the dashboards',
  tourism_listings: 'tourism and local potential: listed across villages by regency for visitors (public data a village chose to show)',
  monitoring_attendance: 'rollup: officials present and guests per village and day (no names), read by region for the dashboards',
  monitoring_temporary_residents: 'rollup: temporary residents staying now and the foreigners among them per village (no name), read by region for the dashboards',
  monitoring_surveys: 'rollup: questionnaires, open ones, responses and complete ones per village (no answer, no name), read by region for the dashboards',
  monitoring_elections: 'rollup: the latest election\'s stage, day, TPS, candidates, DPT size and votes cast per village (no name, no vote), read by region for the dashboards',
  monitoring_office: 'rollup: regulations and decisions in force, inventory held and its value, village land per village (counts and sums), read by region for the dashboards',
  monitoring_civil_registry: 'rollup: reports to the civil registry per village and the last one\'s day (no personal data), read by region for the dashboards',
  monitoring_village_profile: 'rollup: how many of the ministry profile\'s items to type each village filled per year (no value), read by region for the dashboards',
  village_index_scores: 'village development index scores, public figures compared across a region',
  monitoring_pending_population: 'rollup deltas on their way to the region rows: folded and read by region',
  monitoring_pending_events: 'rollup deltas on their way to the region rows: folded and read by region',
  monitoring_pending_letters: 'rollup deltas on their way to the region rows: folded and read by region',
  monitoring_pending_letter_ready: 'rollup deltas on their way to the region rows: folded and read by region',
};
