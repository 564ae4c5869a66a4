-- Messages to send (a letter is ready, a request was rejected …), written in the same
-- transaction as the change they announce and sent afterwards by a worker that retries.
-- A failed send never blocks or undoes the change.
create table notification_outbox (
  id bigint generated always as identity primary key,
  village_code text collate "C",
  channel text not null check (channel in ('log', 'email', 'whatsapp', 'telegram', 'sms')),
  recipient text not null check (length(recipient) between 1 and 200),
  subject text not null default '',
  body text not null check (length(body) <= 4000),
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  -- What the message is about, as `<kind>:<id>` (never a NIK or a name).
  subject_ref text
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'pending';
create index notification_outbox_subject on notification_outbox (subject_ref);
