-- The relay is woken in process after a commit (OutboxSignal) and polls for the rest: a NOTIFY in every writing
-- transaction serialised their commits behind one database-wide lock held through the WAL flush.
DROP TRIGGER IF EXISTS trg_outbox_messages_notify ON outbox_messages;
DROP FUNCTION IF EXISTS outbox_messages_notify();
