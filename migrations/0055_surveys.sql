-- The village's own questionnaires (issue 18, item 4: analisis / bank data desa). The village
-- writes its questions (a choice, a number, a text, a date), opens the questionnaire, fills it
-- for each of its households, families or residents — a little at a time, from a phone — and
-- reads the results by dusun and RT. One response per subject and questionnaire; a changed
-- answer replaces the old value, the response keeps who changed it last and when.
create table survey_questionnaires (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  title text not null check (length(title) between 3 and 200),
  description text not null default '' check (length(description) <= 1000),
  -- Whom one response is about: a resident, a family card, a household.
  unit text collate "C" not null check (unit in ('resident', 'family', 'household')),
  -- draft: questions may change; open: being filled; closed: kept for the results.
  status text collate "C" not null default 'draft' check (status in ('draft', 'open', 'closed')),
  period text not null check (length(period) between 4 and 40),
  -- The ready-made questionnaire it was copied from, if any (templates.ts).
  template text collate "C",
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  opened_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (village_code, id)
);
create index survey_questionnaires_newest on survey_questionnaires (village_code, id desc);
select balai_distribute_village('survey_questionnaires');

create table survey_questions (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  questionnaire_id bigint not null,
  position integer not null check (position > 0),
  text text not null check (length(text) between 3 and 300),
  kind text collate "C" not null check (kind in ('choice', 'number', 'text', 'date')),
  -- For a choice: [{"code": "1", "label": "Keramik"}, …]; null for the other kinds.
  options jsonb,
  -- For a number: the unit written after it (m², kg, ekor), its bounds and decimals.
  unit_label text check (length(unit_label) <= 30),
  min_value numeric(18, 4),
  max_value numeric(18, 4),
  decimals smallint not null default 0 check (decimals between 0 and 4),
  required boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (village_code, id),
  check ((kind = 'choice') = (options is not null)),
  check (min_value is null or max_value is null or min_value <= max_value)
);
create index survey_questions_order on survey_questions (village_code, questionnaire_id, position);
select balai_distribute_village('survey_questions');

-- One response per subject: the column of the questionnaire's unit holds it, the others are null.
create table survey_responses (
  village_code text collate "C" not null references villages (village_code),
  id bigserial,
  questionnaire_id bigint not null,
  resident_id bigint,
  family_id bigint,
  household_id bigint,
  -- The subject's area (its RT, or whatever the card names) when last saved: results by dusun/RT.
  area_id bigint,
  answered integer not null default 0 check (answered >= 0),
  complete boolean not null default false,
  created_by bigint not null references users (id),
  created_at timestamptz not null default now(),
  updated_by bigint not null references users (id),
  updated_at timestamptz not null default now(),
  primary key (village_code, id),
  check (num_nonnulls(resident_id, family_id, household_id) = 1)
);
create unique index survey_responses_subject on survey_responses (village_code, questionnaire_id, coalesce(household_id, family_id, resident_id));
create index survey_responses_area on survey_responses (village_code, questionnaire_id, area_id);
select balai_distribute_village('survey_responses');

-- An answer: the value in the column of the question's kind (a choice's code as text).
create table survey_answers (
  village_code text collate "C" not null references villages (village_code),
  response_id bigint not null,
  question_id bigint not null,
  value_text text check (length(value_text) <= 1000),
  value_number numeric(18, 4),
  value_date date,
  primary key (village_code, response_id, question_id),
  check (num_nonnulls(value_text, value_number, value_date) = 1)
);
create index survey_answers_question on survey_answers (village_code, question_id);
select balai_distribute_village('survey_answers');

-- For the levels above, per village: questionnaires, those open, responses and complete ones; no answer.
create table monitoring_surveys (
  village_code text collate "C" not null references villages (village_code),
  questionnaires integer not null default 0,
  open integer not null default 0,
  responses integer not null default 0,
  complete integer not null default 0,
  updated_at timestamptz not null default now(),
  primary key (village_code)
);
select balai_distribute_village('monitoring_surveys');

alter table survey_questions add constraint survey_questions_questionnaire_fk foreign key (village_code, questionnaire_id) references survey_questionnaires (village_code, id);
alter table survey_responses add constraint survey_responses_questionnaire_fk foreign key (village_code, questionnaire_id) references survey_questionnaires (village_code, id);
alter table survey_responses add constraint survey_responses_household_fk foreign key (village_code, household_id) references households (village_code, id);
alter table survey_responses add constraint survey_responses_family_fk foreign key (village_code, family_id) references families_rows (village_code, id);
alter table survey_responses add constraint survey_responses_resident_fk foreign key (village_code, resident_id) references residents_rows (village_code, id);
alter table survey_responses add constraint survey_responses_area_fk foreign key (village_code, area_id) references village_areas_rows (village_code, id);
alter table survey_answers add constraint survey_answers_response_fk foreign key (village_code, response_id) references survey_responses (village_code, id);
alter table survey_answers add constraint survey_answers_question_fk foreign key (village_code, question_id) references survey_questions (village_code, id);
